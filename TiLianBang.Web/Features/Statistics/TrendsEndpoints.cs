using Microsoft.AspNetCore.Http.HttpResults;
using TiLianBang.Core.Accounts;
using TiLianBang.Core.Common;
using TiLianBang.Core.Statistics;
using TiLianBang.Web.Hosting;
using TiLianBang.Web.Shared;

namespace TiLianBang.Web.Features.Statistics;

/// <summary>STA-6 数据分析's monthly trends and their export, and the home dashboard's figures.</summary>
public static class TrendsEndpoints
{
    public static RouteGroupBuilder MapTrendsEndpoints(this RouteGroupBuilder statistics)
    {
        statistics.MapGet("/trends", TrendsAsync).RequireAuthorization(Permissions.StatisticsAnalysis)
            .Describe("数据分析：按月趋势", "Monthly trends (faults, rescues, maintenance visits, installations)");
        statistics.MapGet("/trends/export", ExportAsync).RequireAuthorization(Permissions.StatisticsAnalysis)
            .Describe("导出数据分析", "Export the monthly trends");
        statistics.MapGet("/dashboard", (Dashboard dashboard, CancellationToken ct) => DashboardAsync(dashboard, ct))
            .Describe("后台主页数字", "The home dashboard's figures");
        return statistics;
    }

    private static async Task<Ok<MonthlyTrends>> TrendsAsync(Trends trends, int? year, CancellationToken cancellationToken) =>
        TypedResults.Ok(await trends.MonthlyAsync(year, cancellationToken));

    private static async Task<FileContentHttpResult> ExportAsync(Trends trends, TimeProvider clock, int? year, string? format, CancellationToken cancellationToken)
    {
        var result = await trends.MonthlyAsync(year, cancellationToken);
        return await SpreadsheetDownload.TableAsync("数据分析", format, clock, result.Months.Select(m => SpreadsheetDownload.Row(
            ("月份", m.Label), ("故障", m.Faults), ("救援", m.Rescues), ("保养", m.MaintenanceVisits), ("新装电梯", m.NewInstallations))), cancellationToken);
    }

    private static async Task<Ok<DashboardFigures>> DashboardAsync(Dashboard dashboard, CancellationToken cancellationToken) =>
        TypedResults.Ok(await dashboard.FiguresAsync(cancellationToken));
}
