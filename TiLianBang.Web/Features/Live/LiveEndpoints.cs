using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Localization;
using TiLianBang.Core.Common;
using TiLianBang.Web.Hosting;

namespace TiLianBang.Web.Features.Live;

/// <summary>
/// <c>GET /api/v1/live</c>: live updates over a plain WebSocket for the mini-program, which cannot run SignalR
/// (API-3, DEV-5). The frames are described in docs/api-live.md.
/// </summary>
public static class LiveEndpoints
{
    public const string Path = "/api/v1/live";

    public static WebApplication MapLiveEndpoints(this WebApplication app)
    {
        var api = app.MapGroup("/api/v1").WithTags("Live");
        // Anonymous at the HTTP level only: a browser (the H5 build) cannot set headers on a socket, so the token
        // may come in the first frame instead; nothing is sent before it is checked (LiveAuthenticator).
        api.MapGet("/live", ConnectAsync)
            .AllowAnonymous()
            .RequireRateLimiting(ApiRateLimits.LiveConnect)
            .Describe("实时推送（WebSocket：电梯状态、状态统计、设备报文）", "Live updates over WebSocket: elevator state, status counts, device messages");
        return app;
    }

    private static async Task<Results<EmptyHttpResult, UnauthorizedHttpResult>> ConnectAsync(
        HttpContext context, LiveSessionServices services)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            throw new DomainException("live.websocket_required", "此地址只接受 WebSocket 连接。");
        }
        LiveIdentity? identity = null;
        if (LiveAuthenticator.HasBearerHeader(context.Request))
        {
            identity = await LiveAuthenticator.FromHeaderAsync(context);
            if (identity is null)
            {
                return TypedResults.Unauthorized();
            }
        }
        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        // A culture the client chose for this request (the culture cookie, or the language of the header's token); a
        // socket authenticated in its first frame otherwise speaks its account's language.
        var culture = context.Features.Get<IRequestCultureFeature>() is { Provider: not null } chosen ? chosen.RequestCulture.UICulture : null;
        await LiveSession.RunAsync(socket, identity, context.Connection.RemoteIpAddress?.ToString(), culture, services);
        return TypedResults.Empty;
    }
}
