using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using TiLianBang.Core.Devices.Cluster;
using TiLianBang.Core.Devices.Commands;
using TiLianBang.Core.Devices.ExternalBroker;
using TiLianBang.Core.Devices.LiveState;
using TiLianBang.Core.Devices.Pipeline;
using TiLianBang.Core.Devices.Recording;

namespace TiLianBang.Core.Devices;

public static class DevicesServiceCollectionExtensions
{
    /// <summary>
    /// The device pipeline: directory, live state hub, message processor, record writer, heartbeat watch and
    /// commands. Register before the broker so that the writer stops after it (hosted services stop in reverse).
    /// </summary>
    public static IServiceCollection AddTiLianBangDevices(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<DeviceCommandOptions>(configuration.GetSection("Devices:Commands"));
        services.Configure<DeviceBudgetOptions>(configuration.GetSection(DeviceBudgetOptions.Section));
        services.AddSingleton<DeviceDirectory>();
        services.AddSingleton<DeviceActivityRegistry>();
        services.AddSingleton<ElevatorStateHub>();
        services.AddSingleton<IElevatorStateHub>(sp => sp.GetRequiredService<ElevatorStateHub>());
        services.AddSingleton<DeviceRecordBuffer>();
        services.AddSingleton<PendingCommands>();
        services.AddSingleton<DeviceCluster>();
        services.AddSingleton<DeviceMessageProcessor>();
        services.AddHostedService<DeviceRecordWriter>();
        services.AddHostedService<HeartbeatWatch>();
        services.AddScoped<DeviceCommandService>();
        services.AddScoped<DeviceAdministration>();
        services.AddScoped<DeviceQueries>();
        services.AddScoped<ElevatorEventQueries>();
        services.AddScoped<RunningStatistics>();
        services.Configure<ExternalBrokerOptions>(configuration.GetSection(ExternalBrokerOptions.Section));
        services.AddSingleton<BrokerHooks>();
        services.AddScoped<MosquittoExport>();
        return services;
    }
}
