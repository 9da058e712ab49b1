using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using TiLianBang.Core.Accounts;
using TiLianBang.Core.Common;
using TiLianBang.Core.Devices;
using TiLianBang.Web.Hosting;

namespace TiLianBang.Web.Features.Devices;

/// <summary>
/// 设备调试 (DEV-5, API-9) over HTTP for the people who install and debug collectors: find a collector by
/// elevator number, IMEI or device id; see its connection, the bound elevator's current data, its counters and its
/// latest raw messages with the reason each bad one was refused; bind it to an elevator on a channel, or unbind it.
/// </summary>
public static class DeviceEndpoints
{
    // [FromServices]: DeviceAdministration has a BindAsync (a collector to an elevator) that minimal APIs would
    // otherwise take for a parameter binder.
    public static WebApplication MapDeviceEndpoints(this WebApplication app)
    {
        var api = app.MapGroup("/api/v1/devices").WithTags("Devices").RequireAuthorization(Permissions.DeviceDebug);
        api.MapGet("/", SearchAsync)
            .Describe("查找采集器（按电梯编号、IMEI 或设备编号）", "Find collectors by elevator number, IMEI or device id");
        api.MapGet("/{idOrImei}", GetAsync)
            .Describe("采集器详情：设备连接、当前数据、计数与最近原始报文", "A collector's connection, current data, counters and latest raw messages");
        api.MapPut("/{deviceId}/binding", BindAsync).DisableAntiforgery()
            .Describe("绑定采集器到电梯（通道号）", "Bind a collector to an elevator on a channel");
        api.MapDelete("/{deviceId}/binding", UnbindAsync).DisableAntiforgery()
            .Describe("解除采集器绑定", "Unbind a collector from its elevator");
        api.MapPost("/{deviceId}/secret", ResetSecretAsync)
            .Describe("重置采集器密钥（新密钥仅显示这一次）", "Give a collector a new secret (shown this once)");
        return app;
    }

    private static async Task<Ok<RegisteredDevice>> ResetSecretAsync([FromServices] DeviceAdministration administration, string deviceId, CancellationToken cancellationToken) =>
        TypedResults.Ok(await administration.ResetSecretAsync(deviceId, cancellationToken));

    private static async Task<Ok<PagedList<DeviceSummary>>> SearchAsync(
        [FromServices] DeviceQueries devices, int? elevatorId, string? elevatorNumber, string? imei, string? deviceId, int? page, int? pageSize,
        CancellationToken cancellationToken)
    {
        var paging = Paging.From(page, pageSize);
        return TypedResults.Ok(await devices.SearchAsync(new DeviceSearch(elevatorId, elevatorNumber, imei, deviceId), paging, cancellationToken));
    }

    private static async Task<Ok<DeviceDetail>> GetAsync([FromServices] DeviceQueries devices, string idOrImei, CancellationToken cancellationToken) =>
        TypedResults.Ok(await devices.DetailAsync(idOrImei, cancellationToken));

    private static async Task<Ok<DeviceDetail>> BindAsync(
        [FromServices] DeviceAdministration administration, [FromServices] DeviceQueries devices, string deviceId, DeviceBindingRequest request,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string>();
        if (request.ElevatorId is null)
        {
            errors["elevatorId"] = "请选择要绑定的电梯。";
        }
        if (request.Channel is null)
        {
            errors["channel"] = "通道号应在 1 到 16 之间。";
        }
        if (errors.Count > 0)
        {
            throw new ValidationException(errors);
        }
        await administration.BindAsync(deviceId, request.ElevatorId!.Value, request.Channel!.Value, cancellationToken);
        return TypedResults.Ok(await devices.DetailAsync(deviceId, cancellationToken));
    }

    private static async Task<NoContent> UnbindAsync([FromServices] DeviceAdministration administration, string deviceId, CancellationToken cancellationToken)
    {
        await administration.UnbindAsync(deviceId, cancellationToken);
        return TypedResults.NoContent();
    }
}

/// <summary>绑定设备: the elevator and the channel (通道号, 1–16) the collector serves.</summary>
public sealed record DeviceBindingRequest(int? ElevatorId, int? Channel);
