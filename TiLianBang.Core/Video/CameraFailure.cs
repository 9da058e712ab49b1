namespace TiLianBang.Core.Video;

/// <summary>Why a camera has no address, so the panel can say what to do about it.</summary>
public enum CameraFailure
{
    /// <summary>No camera at this position in the archive's 视频参数, or no video service configured.</summary>
    NotConfigured = 1,
    /// <summary>The video service answered with an error (bad credentials, device offline, unknown serial …).</summary>
    ProviderError = 2,
    /// <summary>The video service could not be reached (network, timeout).</summary>
    Unreachable = 3,
}
