namespace TiLianBang.Web.Features.Statistics;

/// <summary>统计分析 over HTTP (STA-1 … STA-6): the figures of each page and their Excel / CSV exports.</summary>
public static class StatisticsEndpoints
{
    public static WebApplication MapStatisticsEndpoints(this WebApplication app)
    {
        var statistics = app.MapGroup("/api/v1/statistics").WithTags("Statistics").RequireAuthorization();
        statistics.MapFaultStatisticsEndpoints();
        statistics.MapTrendsEndpoints();
        statistics.MapWallScreenEndpoints();
        statistics.MapRecordsEndpoints();
        return app;
    }
}
