using Microsoft.Extensions.DependencyInjection;

namespace TiLianBang.Core.Statistics;

public static class StatisticsServiceCollectionExtensions
{
    /// <summary>统计分析 (STA-1 … STA-6) and the home dashboard's figures.</summary>
    public static IServiceCollection AddTiLianBangStatistics(this IServiceCollection services)
    {
        services.AddScoped<ElevatorRecords>().AddScoped<MaintenanceWorkStatistics>();
        return services;
    }
}
