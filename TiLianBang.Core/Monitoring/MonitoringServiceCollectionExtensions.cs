using Microsoft.Extensions.DependencyInjection;

namespace TiLianBang.Core.Monitoring;

public static class MonitoringServiceCollectionExtensions
{
    public static IServiceCollection AddTiLianBangMonitoring(this IServiceCollection services)
    {
        services.AddScoped<MobileMonitoring>();
        services.AddScoped<MonitoringMap>();
        services.AddScoped<ElevatorParameters>();
        services.AddScoped<RemoteCalls>();
        services.AddSingleton<LastParameterReadings>();
        return services;
    }
}
