using System.Globalization;
using System.Net.WebSockets;
using System.Text;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SkiaSharp;
using TiLianBang.Core.Accounts;
using TiLianBang.Core.Data;
using TiLianBang.Core.Devices.LiveState;
using TiLianBang.Core.Elevators;
using TiLianBang.Core.Localization;
using TiLianBang.Core.Video;
using TiLianBang.Web.Hosting;

namespace TiLianBang.Web.Features.Video;

/// <summary>
/// 5G 视频救援 (MON-5): an elevator's camera addresses for the mini-program, and the demo cameras' simulated picture
/// (JPEG frames over a WebSocket, or multipart MJPEG to a plain GET). Both are scoped by the DbContext: another company's elevator is a 404.
/// </summary>
public static class VideoEndpoints
{
    private const string Boundary = "tlbframe";

    public static IServiceCollection AddTiLianBangVideoWeb(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddTiLianBangVideo(configuration);
        services.AddSingleton<DemoCameraRenderer>();
        services.AddSingleton<DemoStreamLimiter>();
        return services;
    }

    public static WebApplication MapVideoEndpoints(this WebApplication app)
    {
        var api = app.MapGroup("/api/v1/elevators").WithTags("Video").DisableAntiforgery();
        api.MapGet("/{id:int}/cameras", CamerasAsync).RequireAuthorization(Permissions.MonitorArea)
            .Describe("电梯摄像头及视频地址", "An elevator's cameras (car, car top, machine room, pit) with their stream addresses or why they have none");
        // The picture is for the staff app's panel, which sends the cookie; it is no API for clients.
        app.MapGet("/video/demo/{id:int}/{position:int}", DemoStreamAsync).RequireAuthorization(Permissions.MonitorArea)
            .ExcludeFromDescription();
        return app;
    }

    private static async Task<Ok<IReadOnlyList<CameraFeed>>> CamerasAsync(ElevatorCameras cameras, int id, CancellationToken cancellationToken)
    {
        var streams = await cameras.ListAsync(id, cancellationToken);
        return TypedResults.Ok<IReadOnlyList<CameraFeed>>([.. streams.Select(s => s with { Message = s.Message is null ? null : CoreTexts.Show(s.Message, CultureInfo.CurrentUICulture) })]);
    }

    private static async Task<IResult> DemoStreamAsync(
        HttpContext context, int id, int position, IVideoProvider provider, TiLianBangDbContext db, CurrentActor actor,
        IElevatorStateHub hub, DemoCameraRenderer renderer, DemoStreamLimiter limiter, IOptions<VideoOptions> options, TimeProvider clock)
    {
        var cancellationToken = context.RequestAborted;
        if (provider is not DemoVideoProvider || !Enum.IsDefined((CameraPosition)position))
        {
            return TypedResults.NotFound();
        }
        var elevator = await db.Elevators.AsNoTracking().Where(e => e.Id == id)
            .Select(e => new { e.Number, e.Floors, e.FloorLabels }).SingleOrDefaultAsync(cancellationToken);
        if (elevator is null)
        {
            return TypedResults.NotFound();
        }
        using var slot = limiter.TryAcquire(actor.AccountId?.ToString(CultureInfo.InvariantCulture) ?? "anonymous");
        if (slot is null)
        {
            return TypedResults.StatusCode(StatusCodes.Status429TooManyRequests);
        }
        var floors = new FloorMap(elevator.FloorLabels);
        var landings = Math.Max(elevator.Floors, 1);
        var interval = TimeSpan.FromSeconds(1.0 / Math.Clamp(options.Value.Demo.FramesPerSecond, 1, 10));
        using var surface = SKSurface.Create(new SKImageInfo(DemoCameraRenderer.Width, DemoCameraRenderer.Height))
            ?? throw new InvalidOperationException("SkiaSharp could not create a raster surface.");
        byte[] Frame()
        {
            var state = hub.Find(id);
            return renderer.Render(surface, new DemoScene((CameraPosition)position, elevator.Number, landings,
                state is { HasState: true } ? floors.Label(state.Floor) : "—", floors.Label(landings), floors.Label(1), state, clock.GetLocalNow()));
        }
        try
        {
            if (context.WebSockets.IsWebSocketRequest)
            {
                await SendFramesAsync(context, Frame, interval, clock, cancellationToken);
            }
            else
            {
                await WriteMultipartAsync(context, Frame, interval, clock, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The viewer went away: the slot and the surface are released by the usings.
        }
        catch (WebSocketException)
        {
            // The socket broke off without a close handshake: the same as leaving.
        }
        return Results.Empty;
    }

    private static async Task SendFramesAsync(HttpContext context, Func<byte[]> frame, TimeSpan interval, TimeProvider clock, CancellationToken aborted)
    {
        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        using var closed = CancellationTokenSource.CreateLinkedTokenSource(aborted);
        // The viewer sends nothing; reading only notices the close, which ends the frames at once.
        var reading = DrainAsync(socket, closed);
        try
        {
            while (!closed.IsCancellationRequested && socket.State == WebSocketState.Open)
            {
                await socket.SendAsync(frame(), WebSocketMessageType.Binary, endOfMessage: true, closed.Token);
                await Task.Delay(interval, clock, closed.Token);
            }
        }
        catch (OperationCanceledException) when (closed.IsCancellationRequested)
        {
        }
        await closed.CancelAsync();
        await reading;
    }

    private static async Task DrainAsync(WebSocket socket, CancellationTokenSource closed)
    {
        var buffer = new byte[256];
        try
        {
            while (!closed.IsCancellationRequested)
            {
                var received = await socket.ReceiveAsync(buffer, closed.Token);
                if (received.MessageType == WebSocketMessageType.Close)
                {
                    await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
                    break;
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException)
        {
        }
        finally
        {
            await closed.CancelAsync();
        }
    }

    private static async Task WriteMultipartAsync(HttpContext context, Func<byte[]> frame, TimeSpan interval, TimeProvider clock, CancellationToken aborted)
    {
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        context.Response.ContentType = $"multipart/x-mixed-replace; boundary={Boundary}";
        context.Response.Headers.CacheControl = "no-store";
        var body = context.Response.Body;
        await body.WriteAsync(Encoding.ASCII.GetBytes($"--{Boundary}\r\n"), aborted);
        while (!aborted.IsCancellationRequested)
        {
            var jpeg = frame();
            // Each part ends with the next boundary at once, so a viewer shows a frame without waiting for the next.
            await body.WriteAsync(Encoding.ASCII.GetBytes(
                $"Content-Type: image/jpeg\r\nContent-Length: {jpeg.Length.ToString(CultureInfo.InvariantCulture)}\r\n\r\n"), aborted);
            await body.WriteAsync(jpeg, aborted);
            await body.WriteAsync(Encoding.ASCII.GetBytes($"\r\n--{Boundary}\r\n"), aborted);
            await body.FlushAsync(aborted);
            await Task.Delay(interval, clock, aborted);
        }
    }
}
