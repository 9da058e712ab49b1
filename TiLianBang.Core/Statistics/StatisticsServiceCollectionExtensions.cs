using Microsoft.Extensions.DependencyInjection;

namespace TiLianBang.Core.Statistics;

public static class StatisticsServiceCollectionExtensions
{
    /// <summary>统计分析 (STA-1 … STA-6) and the home dashboard's figures.</summary>
    public static IServiceCollection AddTiLianBangStatistics(this IServiceCollection services)
    {
        services.AddScoped<FaultStatistics>();
        services.AddScoped<Dashboard>().AddScoped<Trends>();
        services.AddScoped<InstalledBase>().AddScoped<RescuePerformance>().AddScoped<MaintenanceCompletion>().AddScoped<ScreenTimeline>();
        services.AddScoped<ElevatorRecords>().AddScoped<MaintenanceWorkStatistics>();
        return services;
    }
}
