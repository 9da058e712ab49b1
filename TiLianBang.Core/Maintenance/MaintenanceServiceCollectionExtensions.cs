using Microsoft.Extensions.DependencyInjection;

namespace TiLianBang.Core.Maintenance;

public static class MaintenanceServiceCollectionExtensions
{
    public static IServiceCollection AddTiLianBangMaintenance(this IServiceCollection services)
    {
        services.AddScoped<MaintenanceItems>();
        services.AddScoped<MaintenancePlanning>();
        services.AddScoped<MaintenanceOrders>();
        services.AddScoped<MaintenanceGeneration>();
        services.AddScoped<OnDemandPlanner>();
        services.AddScoped<ExpiryWarnings>();
        services.AddScoped<CertificateExpiryWarnings>();
        services.AddSingleton<MaintenanceJobs>();
        return services;
    }
}
