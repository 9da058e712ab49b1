using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using TiLianBang.Core.Accounts;
using TiLianBang.Core.Common;
using TiLianBang.Core.Devices.Commands;
using TiLianBang.Core.Devices.Recording;
using TiLianBang.Core.Monitoring;
using TiLianBang.Web.Hosting;

namespace TiLianBang.Web.Features.Monitoring;

/// <summary>
/// 电梯监控 of the mini-program (API-3, manual §6.2.4): what 区域监控 and 监控详情 show, 读取参数 and 呼梯. Scoping is the
/// DbContext's: another company's elevator is a 404 and nothing is sent to its collector.
/// </summary>
public static class MonitoringEndpoints
{
    public static WebApplication MapMonitoringEndpoints(this WebApplication app)
    {
        var api = app.MapGroup("/api/v1/monitoring").WithTags("Monitoring").DisableAntiforgery();
        api.MapGet("/status-counts", StatusCountsAsync).RequireAuthorization(Permissions.MonitorArea)
            .Describe("区域监控各状态电梯数", "Elevator counts per monitoring status");
        api.MapGet("/elevators", ElevatorsAsync).RequireAuthorization(Permissions.MonitorArea)
            .Describe("监控电梯列表（可按位置查附近）", "Monitored elevators, optionally near a position");
        api.MapGet("/elevators/{id:int}", DetailAsync).RequireAuthorization(Permissions.MonitorArea)
            .Describe("电梯监控详情", "An elevator's live state and archive basics");
        api.MapGet("/elevators/{id:int}/io", IoAsync).RequireAuthorization(Permissions.MonitorArea)
            .Describe("电梯内部IO", "An elevator's IO points with their names");
        api.MapGet("/elevators/{id:int}/parameters", ParametersAsync).RequireAuthorization(Permissions.MonitorArea)
            .Describe("最近读取的电梯参数", "The elevator parameters last read");
        api.MapPost("/elevators/{id:int}/parameters/read", ReadParametersAsync).RequireAuthorization(Permissions.MonitorArea)
            .Describe("读取电梯参数", "Read the elevator parameters from the controller now");
        api.MapGet("/elevators/{id:int}/statistics", StatisticsAsync).RequireAuthorization(Permissions.MonitorArea)
            .Describe("电梯运行统计", "An elevator's running statistics per period");
        api.MapGet("/elevators/{id:int}/maintenance", MaintenanceAsync).RequireAuthorization(Permissions.MonitorArea)
            .Describe("电梯维保记录", "An elevator's maintenance orders, newest first");
        api.MapGet("/elevators/{id:int}/faults", FaultsAsync).RequireAuthorization(Permissions.MonitorArea)
            .Describe("电梯故障记录", "An elevator's fault records and the repair orders they led to, newest first");
        api.MapPost("/elevators/{id:int}/call", CallAsync).RequireAuthorization(Permissions.MonitorRemoteCall)
            .Describe("呼梯", "Register a car or landing call");
        app.MapGisEndpoints();
        return app;
    }

    private static async Task<Ok<StatusCounts>> StatusCountsAsync(MobileMonitoring monitoring, int? communityId, CancellationToken cancellationToken) =>
        TypedResults.Ok(await monitoring.StatusCountsAsync(communityId, cancellationToken));

    private static async Task<Ok<PagedList<MonitoredElevator>>> ElevatorsAsync(
        MobileMonitoring monitoring, int? communityId, string? status, string? search,
        double? latitude, double? longitude, string? datum, double? radius, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        var paging = Paging.From(page, pageSize);
        var category = QueryValues.EnumOrNull<StatusCategory>(status, "status");
        var query = new MonitoredElevatorQuery
        {
            CommunityId = communityId,
            StatusFilter = category is { } shown ? state => StatusCategories.Matches(shown, state) : null,
            Search = search,
            Near = NearPoint.From(latitude, longitude, datum, radius),
        };
        return TypedResults.Ok(await monitoring.ElevatorsAsync(query, paging, cancellationToken));
    }

    private static async Task<Ok<ElevatorMonitorDetail>> DetailAsync(MobileMonitoring monitoring, int id, CancellationToken cancellationToken) =>
        TypedResults.Ok(await monitoring.DetailAsync(id, cancellationToken));

    private static async Task<Ok<ElevatorIo>> IoAsync(MobileMonitoring monitoring, int id, CancellationToken cancellationToken) =>
        TypedResults.Ok(await monitoring.IoAsync(id, cancellationToken));

    private static async Task<Ok<ParameterReading>> ParametersAsync(ElevatorParameters parameters, int id, CancellationToken cancellationToken) =>
        TypedResults.Ok(await parameters.LastAsync(id, cancellationToken));

    /// <summary>The values, or a problem: 409 device.offline (not sent), 504 device.timeout, 502 device.refused.</summary>
    private static async Task<Results<Ok<ParameterReading>, ProblemHttpResult>> ReadParametersAsync(
        ElevatorParameters parameters, int id, CancellationToken cancellationToken)
    {
        var (result, reading) = await parameters.ReadAsync(id, cancellationToken);
        return reading is not null ? TypedResults.Ok(reading) : Problem(result);
    }

    private static async Task<Ok<IReadOnlyList<RunningPeriod>>> StatisticsAsync(
        MobileMonitoring monitoring, int id, string? grouping, int? periods, CancellationToken cancellationToken)
    {
        var by = QueryValues.EnumOrNull<StatisticsGrouping>(grouping, "grouping") ?? StatisticsGrouping.Day;
        return TypedResults.Ok(await monitoring.StatisticsAsync(id, by, periods, cancellationToken));
    }

    private static async Task<Ok<PagedList<ElevatorMaintenanceRecord>>> MaintenanceAsync(
        MobileMonitoring monitoring, int id, int? page, int? pageSize, CancellationToken cancellationToken) =>
        TypedResults.Ok(await monitoring.MaintenanceAsync(id, Paging.From(page, pageSize), cancellationToken));

    private static async Task<Ok<PagedList<ElevatorFaultRecord>>> FaultsAsync(
        MobileMonitoring monitoring, int id, int? page, int? pageSize, CancellationToken cancellationToken) =>
        TypedResults.Ok(await monitoring.FaultsAsync(id, Paging.From(page, pageSize), cancellationToken));

    /// <summary>Registered, or a problem: 409 device.offline (not sent), 504 device.timeout, 502 device.refused.</summary>
    private static async Task<Results<Ok<RemoteCallResponse>, ProblemHttpResult>> CallAsync(
        RemoteCalls calls, int id, RemoteCallRequest request, CancellationToken cancellationToken)
    {
        var outcome = await calls.CallAsync(id, request.Kind, request.Floor, request.FloorLabel, cancellationToken);
        return outcome.Result.Status == CommandStatus.Succeeded
            ? TypedResults.Ok(new RemoteCallResponse(outcome.Result.CommandId, outcome.Floor, outcome.FloorLabel, request.Kind!))
            : Problem(outcome.Result);
    }

    private static ProblemHttpResult Problem(CommandResult result)
    {
        var (code, message) = CommandRefusal.Of(result)!.Value;
        var status = result.Status switch
        {
            CommandStatus.Offline => StatusCodes.Status409Conflict,
            CommandStatus.TimedOut => StatusCodes.Status504GatewayTimeout,
            _ => StatusCodes.Status502BadGateway,
        };
        var text = message.ToString(CultureInfo.CurrentUICulture);
        return TypedResults.Problem(statusCode: status, title: text, detail: text,
            extensions: new Dictionary<string, object?> { ["code"] = code, ["commandId"] = result.CommandId });
    }
}
