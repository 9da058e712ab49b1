using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace TiLianBang.Core.Video;

/// <summary>
/// 萤石 EZVIZ open platform: app key and secret buy an access token (valid about seven days; EZVIZ blocks callers
/// that ask too often), kept until shortly before it expires and shared by concurrent callers; the token buys a live
/// address per device serial and channel. The secret and the token stay on the server and out of the logs.
/// </summary>
public sealed partial class EzvizVideoProvider(
    IHttpClientFactory httpClients,
    IOptions<VideoOptions> options,
    TimeProvider clock,
    ILogger<EzvizVideoProvider> logger) : IVideoProvider, IDisposable
{
    public const string HttpClientName = "ezviz";

    /// <summary>EZVIZ's code for a token that expired or was revoked early.</summary>
    private const string TokenExpired = "10002";

    private readonly SemaphoreSlim _tokenLock = new(1, 1);
    private AccessToken? _token;

    public bool CoversUnconfiguredPositions => false;

    public async Task<CameraFeed> OpenAsync(CameraRequest request, CancellationToken cancellationToken)
    {
        if (request.Camera is not { } camera)
        {
            return CameraFeed.NotConfigured(request.Position);
        }
        var settings = options.Value.Ezviz;
        if (string.IsNullOrWhiteSpace(settings.AppKey) || string.IsNullOrWhiteSpace(settings.AppSecret))
        {
            return CameraFeed.Failed(request, CameraFailure.NotConfigured, VideoTexts.Compose("萤石开放平台的 AppKey 和 AppSecret 未配置。"));
        }
        try
        {
            var token = await TokenAsync(stale: null, cancellationToken);
            var answer = await LiveAddressAsync(token, camera.Serial, camera.Channel, settings.Kind, cancellationToken);
            if (answer.Code == TokenExpired)
            {
                token = await TokenAsync(stale: token, cancellationToken);
                answer = await LiveAddressAsync(token, camera.Serial, camera.Channel, settings.Kind, cancellationToken);
            }
            if (answer.Code != "200" || string.IsNullOrEmpty(answer.Data?.Url))
            {
                LogRefused(logger, "live/address/get", answer.Code);
                return CameraFeed.Failed(request, CameraFailure.ProviderError, Refused(answer));
            }
            return CameraFeed.Playing(request, settings.Kind == StreamKind.Flv ? StreamKind.Flv : StreamKind.Hls, answer.Data.Url);
        }
        catch (EzvizRefusedException e)
        {
            return CameraFeed.Failed(request, CameraFailure.ProviderError, Refused(e.Answer));
        }
        catch (Exception e) when (e is HttpRequestException or JsonException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            LogUnreachable(logger, e.GetType().Name);
            return CameraFeed.Failed(request, CameraFailure.Unreachable, VideoTexts.Compose("无法连接萤石开放平台，请检查网络。"));
        }
    }

    private static string Refused(EzvizAnswer answer) =>
        VideoTexts.Compose($"萤石开放平台返回错误 {answer.Code}：{answer.Msg}");

    /// <summary>
    /// The cached token, or a new one when there is none, it is about to expire, or it is <paramref name="stale"/>
    /// (EZVIZ refused it). Callers waiting on the lock reuse the token the first one fetched.
    /// </summary>
    private async Task<string> TokenAsync(string? stale, CancellationToken cancellationToken)
    {
        if (Usable(_token, stale) is { } cached)
        {
            return cached;
        }
        await _tokenLock.WaitAsync(cancellationToken);
        try
        {
            if (Usable(_token, stale) is { } fetchedMeanwhile)
            {
                return fetchedMeanwhile;
            }
            var settings = options.Value.Ezviz;
            var answer = await PostAsync<EzvizToken>("/api/lapp/token/get",
                [new("appKey", settings.AppKey), new("appSecret", settings.AppSecret)], cancellationToken);
            if (answer.Code != "200" || answer.Data is not { AccessToken.Length: > 0 } data)
            {
                LogRefused(logger, "token/get", answer.Code);
                throw new EzvizRefusedException(answer);
            }
            _token = new AccessToken(data.AccessToken, DateTimeOffset.FromUnixTimeMilliseconds(data.ExpireTime));
            return data.AccessToken;
        }
        finally
        {
            _tokenLock.Release();
        }
    }

    private string? Usable(AccessToken? token, string? stale) =>
        token is not null && token.Value != stale && clock.GetUtcNow() < token.ExpiresAt - options.Value.Ezviz.RefreshBeforeExpiry
            ? token.Value
            : null;

    private Task<EzvizAnswer<EzvizLiveAddress>> LiveAddressAsync(string token, string serial, int channel, StreamKind kind, CancellationToken cancellationToken) =>
        PostAsync<EzvizLiveAddress>("/api/lapp/v2/live/address/get",
        [
            new("accessToken", token),
            new("deviceSerial", serial),
            new("channelNo", channel.ToString(CultureInfo.InvariantCulture)),
            // EZVIZ's protocol numbers: 1 ezopen, 2 HLS, 3 RTMP, 4 FLV.
            new("protocol", kind == StreamKind.Flv ? "4" : "2"),
        ], cancellationToken);

    private async Task<EzvizAnswer<T>> PostAsync<T>(string path, IEnumerable<KeyValuePair<string, string>> form, CancellationToken cancellationToken)
    {
        var settings = options.Value.Ezviz;
        var http = httpClients.CreateClient(HttpClientName);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(settings.Timeout);
        using var content = new FormUrlEncodedContent(form);
        using var response = await http.PostAsync(new Uri(new Uri(settings.BaseUrl), path), content, timeout.Token);
        if (!response.IsSuccessStatusCode)
        {
            // A proxy or the platform itself failing; EZVIZ answers its own errors with HTTP 200 and a code.
            throw new HttpRequestException(null, null, response.StatusCode);
        }
        return await response.Content.ReadFromJsonAsync<EzvizAnswer<T>>(Json, timeout.Token)
            ?? throw new JsonException("empty answer");
    }

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        NumberHandling = JsonNumberHandling.AllowReadingFromString,
    };

    public void Dispose() => _tokenLock.Dispose();

    private sealed record AccessToken(string Value, DateTimeOffset ExpiresAt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "EZVIZ {Call} refused with code {Code}")]
    private static partial void LogRefused(ILogger logger, string call, string? code);

    [LoggerMessage(Level = LogLevel.Warning, Message = "EZVIZ could not be reached ({Error})")]
    private static partial void LogUnreachable(ILogger logger, string error);
}

/// <summary>EZVIZ's envelope: <c>code</c> "200" on success, <c>msg</c>, and <c>data</c>.</summary>
internal class EzvizAnswer
{
    public string? Code { get; init; }
    public string? Msg { get; init; }
}

internal sealed class EzvizAnswer<T> : EzvizAnswer
{
    public T? Data { get; init; }
}

internal sealed class EzvizToken
{
    public string AccessToken { get; init; } = "";
    /// <summary>Milliseconds since the Unix epoch.</summary>
    public long ExpireTime { get; init; }
}

internal sealed class EzvizLiveAddress
{
    public string? Url { get; init; }
}

internal sealed class EzvizRefusedException(EzvizAnswer answer) : Exception("EZVIZ refused the request")
{
    public EzvizAnswer Answer { get; } = answer;
}
