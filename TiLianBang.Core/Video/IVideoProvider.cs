namespace TiLianBang.Core.Video;

/// <summary>
/// Turns an elevator camera (serial and channel from 视频参数) into an address a browser can play. One provider per
/// installation, chosen by the <c>Video:Provider</c> setting.
/// </summary>
public interface IVideoProvider
{
    /// <summary>True when the provider shows something at positions without an archived camera (the demo does).</summary>
    bool CoversUnconfiguredPositions { get; }

    Task<CameraFeed> OpenAsync(CameraRequest request, CancellationToken cancellationToken);
}
