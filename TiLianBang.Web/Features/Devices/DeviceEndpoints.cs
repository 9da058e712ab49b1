using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using TiLianBang.Core.Accounts;
using TiLianBang.Core.Devices;

namespace TiLianBang.Web.Features.Devices;

/// <summary>
/// 设备调试 (DEV-5) over HTTP: a collector's connection, its accepted / rejected / refused counts and its latest raw
/// messages with the reason each bad one was refused, for the people who install and debug collectors.
/// </summary>
public static class DeviceEndpoints
{
    // [FromServices]: DeviceAdministration has a BindAsync (a collector to an elevator) that minimal APIs would
    // otherwise take for a parameter binder.
    public static WebApplication MapDeviceEndpoints(this WebApplication app)
    {
        var api = app.MapGroup("/api/v1/devices").WithTags("Devices");
        api.MapGet("/{idOrImei}", GetAsync).RequireAuthorization(Permissions.DeviceDebug);
        api.MapGet("/", ForElevatorAsync).RequireAuthorization(Permissions.DeviceDebug);
        return app;
    }

    private static async Task<Ok<DeviceStatus>> GetAsync([FromServices] DeviceAdministration devices, string idOrImei, CancellationToken cancellationToken) =>
        TypedResults.Ok(await devices.FindAsync(idOrImei, cancellationToken));

    private static async Task<Ok<IReadOnlyList<DeviceStatus>>> ForElevatorAsync([FromServices] DeviceAdministration devices, int elevatorId, CancellationToken cancellationToken) =>
        TypedResults.Ok(await devices.ForElevatorAsync(elevatorId, cancellationToken));
}
