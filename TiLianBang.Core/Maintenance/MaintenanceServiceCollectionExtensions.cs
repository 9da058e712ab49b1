using Microsoft.Extensions.DependencyInjection;

namespace TiLianBang.Core.Maintenance;

public static class MaintenanceServiceCollectionExtensions
{
    public static IServiceCollection AddTiLianBangMaintenance(this IServiceCollection services)
    {
        services.AddScoped<MaintenanceItems>();
        return services;
    }
}
