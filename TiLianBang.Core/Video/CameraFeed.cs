using TiLianBang.Core.Elevators;

namespace TiLianBang.Core.Video;

/// <summary>
/// What the 5G 视频救援 panel needs for one camera position: an address and how to play it, or why there is none.
/// <see cref="Message"/> is Chinese as composed in Core; pages and the API show it through <c>CoreTexts.Show</c>.
/// </summary>
public sealed record CameraFeed
{
    public required CameraPosition Position { get; init; }
    public string? Serial { get; init; }
    public int? Channel { get; init; }
    public StreamKind? Kind { get; init; }
    public string? Url { get; init; }
    /// <summary>A WHIP address the browser may send the microphone to (对讲); null when the service offers none.</summary>
    public string? IntercomUrl { get; init; }
    /// <summary>A picture drawn by the server (demo), not a real camera: the panel marks it.</summary>
    public bool Simulated { get; init; }
    public CameraFailure? Failure { get; init; }
    public string? Message { get; init; }

    public bool Playable => Failure is null && Url is not null && Kind is not null;

    public static CameraFeed NotConfigured(CameraPosition position) => new()
    {
        Position = position,
        Failure = CameraFailure.NotConfigured,
        Message = VideoTexts.NotConfigured,
    };

    public static CameraFeed Failed(CameraRequest request, CameraFailure failure, string message) => new()
    {
        Position = request.Position,
        Serial = request.Camera?.Serial,
        Channel = request.Camera?.Channel,
        Failure = failure,
        Message = message,
    };

    public static CameraFeed Playing(CameraRequest request, StreamKind kind, string url, string? intercomUrl = null, bool simulated = false) => new()
    {
        Position = request.Position,
        Serial = request.Camera?.Serial,
        Channel = request.Camera?.Channel,
        Kind = kind,
        Url = url,
        IntercomUrl = intercomUrl,
        Simulated = simulated,
    };
}
