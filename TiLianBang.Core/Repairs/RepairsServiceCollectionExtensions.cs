using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using TiLianBang.Core.Devices.Recording;

namespace TiLianBang.Core.Repairs;

public static class RepairsServiceCollectionExtensions
{
    public static IServiceCollection AddTiLianBangRepairs(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<RepairOptions>(configuration.GetSection("Repairs"));
        services.AddScoped<RepairService>();
        services.AddSingleton<RepairOrderFeed>();
        services.AddScoped<FaultAttributes>();
        services.AddScoped<Escalation>();
        services.AddScoped<RepairPhotos>();
        services.AddScoped<FaultReports>();
        services.AddScoped<RepairFaults>();
        services.AddSingleton<EscalationWatch>();
        services.AddScoped<IStoredEventSubscriber, RepairOrdersFromFaults>();
        return services;
    }
}
