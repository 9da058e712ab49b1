using System.Globalization;
using Microsoft.Extensions.Options;

namespace TiLianBang.Core.Video;

/// <summary>
/// A media server whose addresses follow from the camera's serial and channel (<c>Video:UrlTemplate</c>). The server
/// does not probe the address: the browser plays it, and says so when it cannot.
/// </summary>
public sealed class UrlTemplateVideoProvider(IOptions<VideoOptions> options) : IVideoProvider
{
    public bool CoversUnconfiguredPositions => false;

    public Task<CameraFeed> OpenAsync(CameraRequest request, CancellationToken cancellationToken)
    {
        var settings = options.Value.UrlTemplate;
        if (request.Camera is null)
        {
            return Task.FromResult(CameraFeed.NotConfigured(request.Position));
        }
        if (Expand(settings.Template, request) is not { } url)
        {
            return Task.FromResult(CameraFeed.Failed(request, CameraFailure.ProviderError,
                VideoTexts.Compose("视频地址模板未配置或不是有效的 http(s) 地址。")));
        }
        var intercom = string.IsNullOrWhiteSpace(settings.IntercomTemplate) ? null : Expand(settings.IntercomTemplate, request);
        return Task.FromResult(CameraFeed.Playing(request, settings.Kind, url, intercom));
    }

    /// <summary>The template with its placeholders filled (serial escaped for a URL), or null when it is no http(s) address.</summary>
    public static string? Expand(string template, CameraRequest request)
    {
        if (string.IsNullOrWhiteSpace(template) || request.Camera is not { } camera)
        {
            return null;
        }
        var url = template.Trim()
            .Replace("{serial}", Uri.EscapeDataString(camera.Serial), StringComparison.OrdinalIgnoreCase)
            .Replace("{channel}", camera.Channel.ToString(CultureInfo.InvariantCulture), StringComparison.OrdinalIgnoreCase)
            .Replace("{position}", ((int)request.Position).ToString(CultureInfo.InvariantCulture), StringComparison.OrdinalIgnoreCase)
            .Replace("{elevatorId}", request.ElevatorId.ToString(CultureInfo.InvariantCulture), StringComparison.OrdinalIgnoreCase);
        return Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? uri.AbsoluteUri
            : null;
    }
}
