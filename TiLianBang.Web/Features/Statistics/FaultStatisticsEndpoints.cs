using Microsoft.AspNetCore.Http.HttpResults;
using TiLianBang.Core.Accounts;
using TiLianBang.Core.Common;
using TiLianBang.Core.Repairs;
using TiLianBang.Core.Statistics;
using TiLianBang.Web.Hosting;
using TiLianBang.Web.Shared;

namespace TiLianBang.Web.Features.Statistics;

/// <summary>故障统计分析 (STA-2) over HTTP: the figures, their export (the same rows as the page's table) and the drill-down.</summary>
public static class FaultStatisticsEndpoints
{
    public static RouteGroupBuilder MapFaultStatisticsEndpoints(this RouteGroupBuilder statistics)
    {
        var faults = statistics.MapGroup("/faults").RequireAuthorization(Permissions.StatisticsFaults);
        faults.MapGet("/", GetAsync).Describe("故障统计（按电梯、维保人员、品牌或故障码）", "Fault statistics by elevator, worker, brand or fault code");
        faults.MapGet("/export", ExportAsync).Describe("导出故障统计", "Export the fault statistics");
        faults.MapGet("/orders", OrdersAsync).Describe("故障统计明细：某一分组的急修工单", "The repair orders behind one group of the fault statistics");
        return statistics;
    }

    private static async Task<Ok<FaultStatisticsResult>> GetAsync(
        FaultStatistics statistics, TimeProvider clock, string? dimension, string? preset, string? from, string? to, int? top,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(await statistics.GetAsync(Query(clock, dimension, preset, from, to, top), cancellationToken));

    private static async Task<FileContentHttpResult> ExportAsync(
        FaultStatistics statistics, TimeProvider clock, string? dimension, string? preset, string? from, string? to, int? top, string? format,
        CancellationToken cancellationToken)
    {
        var query = Query(clock, dimension, preset, from, to, top);
        var result = await statistics.GetAsync(query, cancellationToken);
        var groupTitle = GroupTitle(query.Dimension);
        return await SpreadsheetDownload.TableAsync("故障统计", format, clock, result.Rows.Select(r => SpreadsheetDownload.Row(
            (groupTitle, r.Label), ("故障次数", r.Count), ("占比 %", r.SharePercent), ("电梯台数", r.Fleet), ("每台每年", r.PerElevatorYear),
            ("运行次数", r.Runs), ("每千次运行", r.PerThousandRuns))), cancellationToken);
    }

    private static async Task<Ok<PagedList<FaultOrderRow>>> OrdersAsync(
        FaultStatistics statistics, TimeProvider clock, string? dimension, string? preset, string? from, string? to, int? top, string? key,
        int? page, int? pageSize, CancellationToken cancellationToken)
    {
        var paging = Paging.From(page, pageSize);
        var query = Query(clock, dimension, preset, from, to, top);
        if (string.IsNullOrWhiteSpace(key))
        {
            throw new ValidationException(new Dictionary<string, string> { ["key"] = "统计分组无效。" });
        }
        return TypedResults.Ok(await statistics.OrdersAsync(query, key, paging, cancellationToken));
    }

    public static string GroupTitle(FaultDimension dimension) => dimension switch
    {
        FaultDimension.Elevator => "电梯",
        FaultDimension.Worker => "维保人员",
        FaultDimension.Brand => "电梯品牌",
        _ => "故障代码",
    };

    /// <summary>The page's filters from the query string; every bad value is a field error (400), never a 500.</summary>
    public static FaultStatisticsQuery Query(TimeProvider clock, string? dimension, string? preset, string? from, string? to, int? top)
    {
        var errors = new Dictionary<string, string>();
        var parsedDimension = FaultDimension.Elevator;
        if (!string.IsNullOrWhiteSpace(dimension) && (!Enum.TryParse(dimension, true, out parsedDimension) || !Enum.IsDefined(parsedDimension)))
        {
            errors["dimension"] = "统计维度须为 elevator、worker、brand 或 faultCode。";
        }
        var period = new PeriodQuery(preset, from, to).Resolve(clock, errors);
        return new FaultStatisticsQuery(period, parsedDimension, FaultStatisticsQuery.ParseTop(top));
    }
}
