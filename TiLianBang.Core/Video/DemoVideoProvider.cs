using System.Globalization;

namespace TiLianBang.Core.Video;

/// <summary>
/// The demo's cameras: every position shows a picture the server draws of the simulated car, marked 模拟画面, so the
/// panel works without any camera. The same address answers a plain GET with multipart MJPEG (any MJPEG viewer). Never chosen for a real installation unless configured.
/// </summary>
public sealed class DemoVideoProvider : IVideoProvider
{
    public bool CoversUnconfiguredPositions => true;

    public static string StreamPath(int elevatorId, Elevators.CameraPosition position) =>
        string.Create(CultureInfo.InvariantCulture, $"/video/demo/{elevatorId}/{(int)position}");

    public Task<CameraFeed> OpenAsync(CameraRequest request, CancellationToken cancellationToken) =>
        Task.FromResult(CameraFeed.Playing(request, StreamKind.JpegSocket, StreamPath(request.ElevatorId, request.Position), simulated: true));
}
