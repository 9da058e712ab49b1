namespace TiLianBang.Core.Video;

/// <summary>Configuration section <c>Video</c>: which video service this installation uses and how to reach it.</summary>
public sealed class VideoOptions
{
    public const string Section = "Video";

    /// <summary>
    /// <c>UrlTemplate</c>, <c>Ezviz</c>, <c>Demo</c> or <c>None</c>. Empty: <c>Demo</c> when demo data is on
    /// (<c>Demo:Enabled</c>), otherwise <c>None</c>.
    /// </summary>
    public string Provider { get; set; } = "";

    public UrlTemplateVideoOptions UrlTemplate { get; set; } = new();

    public EzvizVideoOptions Ezviz { get; set; } = new();

    public DemoVideoOptions Demo { get; set; } = new();
}

/// <summary>An NVR or media server (ZLMediaKit, SRS, MediaMTX …) whose addresses follow from serial and channel.</summary>
public sealed class UrlTemplateVideoOptions
{
    /// <summary>E.g. <c>http://nvr.example:8080/live/{serial}_{channel}.m3u8</c>; also {position} and {elevatorId}.</summary>
    public string Template { get; set; } = "";

    public StreamKind Kind { get; set; } = StreamKind.Hls;

    /// <summary>A WHIP address for 对讲 (same placeholders); empty when the server takes no audio back.</summary>
    public string IntercomTemplate { get; set; } = "";
}

/// <summary>萤石 EZVIZ open platform (open.ys7.com).</summary>
public sealed class EzvizVideoOptions
{
    public string BaseUrl { get; set; } = "https://open.ys7.com";
    public string AppKey { get; set; } = "";
    public string AppSecret { get; set; } = "";
    /// <summary><c>Hls</c> or <c>Flv</c>: what the live address is asked for.</summary>
    public StreamKind Kind { get; set; } = StreamKind.Hls;
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);
    /// <summary>A token is fetched again this long before EZVIZ says it expires, so no request meets an expired one.</summary>
    public TimeSpan RefreshBeforeExpiry { get; set; } = TimeSpan.FromMinutes(10);
}

/// <summary>The demo's simulated cameras: a picture of the simulated car drawn by the server.</summary>
public sealed class DemoVideoOptions
{
    public int FramesPerSecond { get; set; } = 3;
    /// <summary>Streams one account may watch at once (a panel has four; two open pages fit).</summary>
    public int MaxStreamsPerUser { get; set; } = 8;
    /// <summary>Streams the whole process draws at once.</summary>
    public int MaxStreams { get; set; } = 48;
}
