using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using TiLianBang.Core.Accounts;
using TiLianBang.Core.Common;
using TiLianBang.Core.Elevators;
using TiLianBang.Core.Maintenance;
using TiLianBang.Core.Monitoring;
using TiLianBang.Core.Repairs;
using TiLianBang.Core.Statistics;
using TiLianBang.Web.Hosting;
using TiLianBang.Web.Shared;

namespace TiLianBang.Web.Features.Statistics;

/// <summary>
/// STA-1 电梯信息查询 and STA-3 维保工作统计 over HTTP: the same services as the pages, and exports of exactly
/// the rows and columns each table shows (same filters, same order).
/// </summary>
public static class RecordsEndpoints
{
    public static RouteGroupBuilder MapRecordsEndpoints(this RouteGroupBuilder statistics)
    {
        var elevators = statistics.MapGroup("/elevators").RequireAuthorization(Permissions.StatisticsElevators);
        elevators.MapGet("/", SearchAsync).Describe("电梯信息查询", "Search elevators");
        elevators.MapGet("/options", (ElevatorRecords records, CancellationToken ct) => records.OptionsAsync(ct)).Describe("电梯信息查询的筛选项", "Filter options of the elevator search");
        elevators.MapGet("/{id:int}/maintenance", MaintenanceAsync).Describe("电梯的维保记录", "An elevator's maintenance records");
        elevators.MapGet("/{id:int}/maintenance/export", ExportMaintenanceAsync).Describe("导出电梯的维保记录", "Export an elevator's maintenance records");
        elevators.MapGet("/{id:int}/repairs", RepairsAsync).Describe("电梯的维修记录", "An elevator's repair records");
        elevators.MapGet("/{id:int}/repairs/export", ExportRepairsAsync).Describe("导出电梯的维修记录", "Export an elevator's repair records");
        elevators.MapGet("/{id:int}/faults", FaultsAsync).Describe("电梯的故障记录", "An elevator's fault records");
        elevators.MapGet("/{id:int}/faults/export", ExportFaultsAsync).Describe("导出电梯的故障记录", "Export an elevator's fault records");

        var work = statistics.MapGroup("/maintenance").RequireAuthorization(Permissions.StatisticsMaintenance);
        work.MapGet("/", WorkersAsync).Describe("维保工作统计", "Maintenance work per worker");
        work.MapGet("/export", ExportWorkersAsync).Describe("导出维保工作统计", "Export maintenance work per worker");
        work.MapGet("/{workerId:int}", (int workerId, MaintenanceWorkStatistics s, CancellationToken ct) => s.WorkerAsync(workerId, ct)).Describe("维保人员", "A maintenance worker");
        work.MapGet("/{workerId:int}/visits", VisitsAsync).Describe("维保人员的保养工单", "A worker's maintenance visits");
        work.MapGet("/{workerId:int}/visits/export", ExportVisitsAsync).Describe("导出维保人员的保养工单", "Export a worker's maintenance visits");
        return statistics;
    }

    private static Task<PagedList<ElevatorSummary>> SearchAsync(
        ElevatorRecords records, string? search, int? communityId, string? district, string? brand, int? page, int? pageSize, CancellationToken cancellationToken) =>
        records.SearchAsync(new ElevatorLookupFilter(search, communityId, district, brand), Paging.From(page, pageSize), cancellationToken);

    private static Task<PagedList<MaintenanceOrderSummary>> MaintenanceAsync(
        int id, ElevatorRecords records, TimeProvider clock, [AsParameters] PeriodQuery period, int? page, int? pageSize, CancellationToken cancellationToken) =>
        records.MaintenanceAsync(id, period.Resolve(clock), Paging.From(page, pageSize), cancellationToken);

    private static async Task<FileContentHttpResult> ExportMaintenanceAsync(
        int id, ElevatorRecords records, TimeProvider clock, [AsParameters] PeriodQuery period, string? format, CancellationToken cancellationToken)
    {
        var rows = await records.AllMaintenanceAsync(id, period.Resolve(clock), cancellationToken);
        return await SpreadsheetDownload.TableAsync("维保记录", format, clock, rows.Select(o => SpreadsheetDownload.Row(
            ("工单编号", o.Number), ("保养类型", MaintenanceSchedule.PeriodName(o.Period)), ("计划日期", RecordsQuery.Day(o.DueOn)),
            ("状态", MaintenanceOrders.StateName(o.State)), ("超期", o.Overdue ? "是" : ""), ("维保人员", o.WorkerName),
            ("签到时间", RecordsQuery.Time(o.SignedInAtUtc, clock)), ("提交时间", RecordsQuery.Time(o.SubmittedAtUtc, clock)),
            ("确认时间", RecordsQuery.Time(o.ConfirmedAtUtc, clock)))), cancellationToken);
    }

    private static Task<PagedList<ElevatorRepairRecord>> RepairsAsync(
        int id, ElevatorRecords records, TimeProvider clock, [AsParameters] PeriodQuery period, int? page, int? pageSize, CancellationToken cancellationToken) =>
        records.RepairsAsync(id, period.Resolve(clock), Paging.From(page, pageSize), cancellationToken);

    private static async Task<FileContentHttpResult> ExportRepairsAsync(
        int id, ElevatorRecords records, TimeProvider clock, [AsParameters] PeriodQuery period, string? format, CancellationToken cancellationToken)
    {
        var rows = await records.AllRepairsAsync(id, period.Resolve(clock), cancellationToken);
        return await SpreadsheetDownload.TableAsync("维修记录", format, clock, rows.Select(o => SpreadsheetDownload.Row(
            ("工单编号", o.Number), ("报警时间", RecordsQuery.Time(o.CreatedAtUtc, clock)), ("故障描述", o.Description), ("困人", o.PassengersTrapped ? "是" : ""),
            ("状态", RepairOrderStateMachine.StateName(o.State)), ("维修人员", o.WorkerName),
            ("到场时间", RecordsQuery.Time(o.SignedInAtUtc, clock)), ("关闭时间", RecordsQuery.Time(o.ClosedAtUtc, clock)))), cancellationToken);
    }

    private static Task<PagedList<ElevatorFaultRecord>> FaultsAsync(
        int id, ElevatorRecords records, TimeProvider clock, [AsParameters] PeriodQuery period, int? page, int? pageSize, CancellationToken cancellationToken) =>
        records.FaultsAsync(id, period.Resolve(clock), Paging.From(page, pageSize), cancellationToken);

    private static async Task<FileContentHttpResult> ExportFaultsAsync(
        int id, ElevatorRecords records, TimeProvider clock, [AsParameters] PeriodQuery period, string? format, CancellationToken cancellationToken)
    {
        var rows = await records.AllFaultsAsync(id, period.Resolve(clock), cancellationToken);
        return await SpreadsheetDownload.TableAsync("故障记录", format, clock, rows.Select(f => SpreadsheetDownload.Row(
            ("时间", RecordsQuery.Time(f.ReceivedAt.UtcDateTime, clock)), ("代码", f.Code), ("名称", f.Name), ("状态", f.Raised ? "发生" : "恢复"),
            ("楼层", f.FloorLabel), ("急修工单", f.RepairOrder?.Number),
            ("急修状态", f.RepairOrder is { } order ? RepairOrderStateMachine.StateName(order.State) : null))), cancellationToken);
    }

    private static Task<IReadOnlyList<WorkerWork>> WorkersAsync(
        MaintenanceWorkStatistics statistics, TimeProvider clock, [AsParameters] PeriodQuery period, string? worker, CancellationToken cancellationToken) =>
        statistics.WorkersAsync(new WorkerWorkFilter(period.Resolve(clock), worker), cancellationToken);

    private static async Task<FileContentHttpResult> ExportWorkersAsync(
        MaintenanceWorkStatistics statistics, TimeProvider clock, [AsParameters] PeriodQuery period, string? worker, string? format, CancellationToken cancellationToken)
    {
        var rows = await WorkersAsync(statistics, clock, period, worker, cancellationToken);
        return await SpreadsheetDownload.TableAsync("维保工作统计", format, clock, rows.Select(w => SpreadsheetDownload.Row(
            ("维保人员", w.WorkerName), ("完成保养", w.Done), ("按期完成", w.OnTime), ("超期完成", w.Late), ("平均现场用时（分钟）", w.AverageMinutesOnSite),
            ("当前超期未完成", w.OverdueOpen), ("急修工单", w.Repairs), ("平均到场用时（分钟）", w.AverageArrivalMinutes))), cancellationToken);
    }

    private static Task<PagedList<WorkerVisit>> VisitsAsync(
        int workerId, MaintenanceWorkStatistics statistics, TimeProvider clock, [AsParameters] PeriodQuery period, WorkerVisitFilter? state,
        int? page, int? pageSize, CancellationToken cancellationToken) =>
        statistics.VisitsAsync(workerId, period.Resolve(clock), state, Paging.From(page, pageSize), cancellationToken);

    private static async Task<FileContentHttpResult> ExportVisitsAsync(
        int workerId, MaintenanceWorkStatistics statistics, TimeProvider clock, [AsParameters] PeriodQuery period, WorkerVisitFilter? state,
        string? format, CancellationToken cancellationToken)
    {
        var rows = await statistics.AllVisitsAsync(workerId, period.Resolve(clock), state, cancellationToken);
        return await SpreadsheetDownload.TableAsync("保养工单", format, clock, rows.Select(v => SpreadsheetDownload.Row(
            ("工单编号", v.Number), ("电梯编号", v.ElevatorNumber), ("电梯名称", v.ElevatorName), ("小区", v.Community),
            ("保养类型", MaintenanceSchedule.PeriodName(v.Period)), ("计划日期", RecordsQuery.Day(v.DueOn)), ("状态", MaintenanceOrders.StateName(v.State)),
            ("按期", v.SubmittedAtUtc is null ? (v.Overdue ? "超期未完成" : "") : v.Late ? "超期完成" : "按期完成"),
            ("签到时间", RecordsQuery.Time(v.SignedInAtUtc, clock)), ("提交时间", RecordsQuery.Time(v.SubmittedAtUtc, clock)),
            ("现场用时（分钟）", v.MinutesOnSite))), cancellationToken);
    }
}
