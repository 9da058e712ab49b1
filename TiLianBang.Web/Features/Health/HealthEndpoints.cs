using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using TiLianBang.Core.Accounts;
using TiLianBang.Core.Common;
using TiLianBang.Core.Health;
using TiLianBang.Web.Features.Statistics;
using TiLianBang.Web.Hosting;
using TiLianBang.Web.Shared;

namespace TiLianBang.Web.Features.Health;

/// <summary>
/// 电梯健康 over HTTP: one elevator's metrics against its own baseline, the fleet ranked by drift (and its export),
/// the active warnings a worker closes as fixed, and 疑似困人 a dispatcher confirms or dismisses. Scoping is the
/// DbContext's: an elevator, warning or suspicion of another company is a 404.
/// </summary>
public static class HealthEndpoints
{
    /// <summary>
    /// Closing a warning as fixed is site work: the worker who did it, or whoever answers for repairs and maintenance
    /// in the office. The service then checks that the elevator is the actor's company's.
    /// </summary>
    private static readonly string[] FixPermissions = [Permissions.MaintenanceWork, Permissions.RepairHandle, Permissions.MaintenancePlanReview];

    public const int MaxTake = 500;

    public static WebApplication MapElevatorHealthEndpoints(this WebApplication app)
    {
        app.MapGet("/api/v1/elevators/{id:int}/health", ElevatorAsync).WithTags("Health").RequireAuthorization(Permissions.MonitorArea)
            .Describe("电梯健康：各项指标的每日值与基线研判、健康预警、近 24 小时、困人研判记录",
                "An elevator's health: daily metric values judged against its baseline, warnings, recent hours, entrapment outcomes");

        var api = app.MapGroup("/api/v1/health").WithTags("Health").DisableAntiforgery();
        api.MapGet("/fleet", FleetAsync).RequireAuthorization(Permissions.MonitorQuery)
            .Describe("健康总览：有健康预警的电梯，按未处理预警数与偏离程度排序", "Elevators with health warnings, most open warnings and largest drift first");
        api.MapGet("/fleet/export", ExportFleetAsync).RequireAuthorization(Permissions.MonitorQuery)
            .Describe("导出健康总览", "Export the fleet's health warnings");
        api.MapGet("/warnings", WarningsAsync).RequireAuthorization(Permissions.MonitorQuery)
            .Describe("未恢复的健康预警（未处理在前，最新在前）", "Open and watched health warnings, open first, newest first");
        api.MapPost("/warnings/{id:int}/fixed", CloseAsFixedAsync)
            .RequireAuthorization(policy => policy.RequireAuthenticatedUser().RequireClaim(AccountClaimTypes.Permission, FixPermissions))
            .Describe("健康预警已修复（之后观察该指标是否恢复）", "Close a health warning as fixed; the metric is then watched for recovery");
        api.MapGet("/entrapments", EntrapmentsAsync).RequireAuthorization(Permissions.MonitorArea)
            .Describe("待研判的疑似困人", "Open suspected entrapments, newest first");
        api.MapPost("/entrapments/{id:int}/confirm", ConfirmAsync).RequireAuthorization(Permissions.RepairAlarm)
            .Describe("确认疑似困人（生成困人急修工单）", "Confirm a suspected entrapment: a trapped-passenger repair order is raised or joined");
        api.MapPost("/entrapments/{id:int}/dismiss", DismissAsync).RequireAuthorization(Permissions.RepairAlarm)
            .Describe("排除疑似困人（无人被困）", "Dismiss a suspected entrapment: nobody was trapped");
        return app;
    }

    private static async Task<Ok<ElevatorHealth>> ElevatorAsync(HealthQueries health, int id, int? days, CancellationToken cancellationToken)
    {
        var shown = days ?? 30;
        if (shown is < 7 or > 365)
        {
            throw new ValidationException(new Dictionary<string, string> { ["days"] = "天数须为 7–365。" });
        }
        return TypedResults.Ok(await health.ElevatorAsync(id, shown, cancellationToken));
    }

    private static async Task<Ok<IReadOnlyList<FleetHealthRow>>> FleetAsync(
        HealthQueries health, bool? includeRecovered, int? take, CancellationToken cancellationToken) =>
        TypedResults.Ok(await health.FleetAsync(includeRecovered is true, Take(take, 100), cancellationToken));

    /// <summary>The fleet view's rows as a spreadsheet, in the order the page shows them.</summary>
    private static async Task<FileContentHttpResult> ExportFleetAsync(
        HealthQueries health, TimeProvider clock, bool? includeRecovered, string? format, CancellationToken cancellationToken)
    {
        var rows = await health.FleetAsync(includeRecovered is true, 5000, cancellationToken);
        return await SpreadsheetDownload.TableAsync("电梯健康", format, clock, rows.Select(r => SpreadsheetDownload.Row(
            ("电梯编号", r.ElevatorNumber), ("电梯名称", r.ElevatorName), ("小区", r.Community), ("未处理预警", r.OpenWarnings), ("观察中", r.Watching),
            ("最大偏离 %", Math.Round(r.MaxChangePercent)), ("健康预警", string.Join("；", r.Warnings)), ("偏离开始", RecordsQuery.Time(r.DriftSinceUtc, clock)),
            ("困人研判确认", r.Entrapments.Confirmed), ("困人研判排除", r.Entrapments.Dismissed))), cancellationToken);
    }

    private static async Task<Ok<IReadOnlyList<WarningView>>> WarningsAsync(HealthQueries health, int? take, CancellationToken cancellationToken) =>
        TypedResults.Ok(await health.ActiveWarningsAsync(Take(take, 50), cancellationToken));

    private static async Task<Ok<WarningView>> CloseAsFixedAsync(
        HealthWarnings warnings, int id, HealthNoteRequest? request, CancellationToken cancellationToken) =>
        TypedResults.Ok(await BodyFieldNamesAsync(() => warnings.CloseAsFixedAsync(id, request?.Note, cancellationToken)));

    private static async Task<Ok<IReadOnlyList<SuspectedEntrapmentView>>> EntrapmentsAsync(EntrapmentDesk desk, CancellationToken cancellationToken) =>
        TypedResults.Ok(await desk.OpenAsync(cancellationToken));

    private static async Task<Ok<EntrapmentConfirmed>> ConfirmAsync(EntrapmentDesk desk, int id, CancellationToken cancellationToken) =>
        TypedResults.Ok(new EntrapmentConfirmed(await desk.ConfirmAsync(id, cancellationToken)));

    private static async Task<NoContent> DismissAsync(EntrapmentDesk desk, int id, HealthNoteRequest? request, CancellationToken cancellationToken)
    {
        await BodyFieldNamesAsync(async () =>
        {
            await desk.DismissAsync(id, request?.Note, cancellationToken);
            return true;
        });
        return TypedResults.NoContent();
    }

    /// <summary>Core names a refused field after its property (<c>Note</c>); a client reads the JSON body's name (<c>note</c>).</summary>
    private static async Task<T> BodyFieldNamesAsync<T>(Func<Task<T>> write)
    {
        try
        {
            return await write();
        }
        catch (ValidationException e)
        {
            throw new ValidationException(e.ChineseErrors.ToDictionary(f => JsonNamingPolicy.CamelCase.ConvertName(f.Key), f => f.Value));
        }
    }

    private static int Take(int? take, int fallback)
    {
        var value = take ?? fallback;
        return value is < 1 or > MaxTake
            ? throw new ValidationException(new Dictionary<string, string> { ["take"] = "条数须为 1–500。" })
            : value;
    }
}

/// <summary>The worker's or dispatcher's note (at most 200 characters), e.g. "已调整门机皮带".</summary>
public sealed record HealthNoteRequest(string? Note);

public sealed record EntrapmentConfirmed(int RepairOrderId);
