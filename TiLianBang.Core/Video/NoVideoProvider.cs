namespace TiLianBang.Core.Video;

/// <summary>No video service configured: every position says so.</summary>
public sealed class NoVideoProvider : IVideoProvider
{
    public bool CoversUnconfiguredPositions => false;

    public Task<CameraFeed> OpenAsync(CameraRequest request, CancellationToken cancellationToken) =>
        Task.FromResult(request.Camera is null
            ? CameraFeed.NotConfigured(request.Position)
            : CameraFeed.Failed(request, CameraFailure.NotConfigured, VideoTexts.NoService));
}
