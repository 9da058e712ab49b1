using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TiLianBang.Core.Notifications;

namespace TiLianBang.Core.Accounts;

/// <summary>
/// Turns a mini-program login code (<c>wx.login</c>) into the WeChat user's openid through WeChat's
/// <c>jscode2session</c>. A code is good for one exchange and a few minutes, so the caller sends a fresh one each time.
/// </summary>
public sealed partial class WeChatLogin(IOptions<WeChatOptions> options, ILogger<WeChatLogin> logger) : IDisposable
{
    /// <summary>Longer input is no code WeChat issued; refusing it keeps our request to WeChat small.</summary>
    public const int MaxCodeLength = 128;

    private readonly HttpClient http = RemoteApi.NewClient();

    /// <summary>Whether AppId and secret are configured; without them no code can be exchanged.</summary>
    public bool IsConfigured => !string.IsNullOrEmpty(options.Value.AppId) && !string.IsNullOrEmpty(options.Value.AppSecret);

    public async Task<WeChatSession> ExchangeAsync(string code, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!IsConfigured)
        {
            throw new WeChatLoginException("wechat.not_configured", "微信登录未配置，请联系管理员。", remoteFailed: false);
        }
        var url = $"{settings.BaseUrl.TrimEnd('/')}/sns/jscode2session?appid={Uri.EscapeDataString(settings.AppId!)}"
            + $"&secret={Uri.EscapeDataString(settings.AppSecret!)}&js_code={Uri.EscapeDataString(code)}&grant_type=authorization_code";
        JsonElement answer;
        try
        {
            using var response = await http.GetAsync(url, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                LogUnreachable(logger, $"HTTP {(int)response.StatusCode}");
                throw Unreachable(null);
            }
            // Parsed whatever the content type: jscode2session answers JSON as text/plain.
            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
            answer = await JsonSerializer.DeserializeAsync<JsonElement>(body, cancellationToken: cancellationToken);
        }
        catch (Exception e) when (e is HttpRequestException or JsonException
            || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            // The secret is in the URL, so the exception's text (which may quote it) is not logged, only its kind.
            LogUnreachable(logger, e.GetType().Name);
            throw Unreachable(e);
        }
        var errorCode = answer.ValueKind == JsonValueKind.Object && answer.TryGetProperty("errcode", out var errcode) && errcode.ValueKind == JsonValueKind.Number
            ? errcode.TryGetInt32(out var number) ? number : -1
            : 0;
        var openId = answer.ValueKind == JsonValueKind.Object && answer.TryGetProperty("openid", out var id) && id.ValueKind == JsonValueKind.String
            ? id.GetString()
            : null;
        if (errorCode != 0 || string.IsNullOrEmpty(openId) || openId.Length > MaxOpenIdLength)
        {
            var message = answer.ValueKind == JsonValueKind.Object && answer.TryGetProperty("errmsg", out var errmsg) ? errmsg.ToString() : null;
            LogRefused(logger, errorCode, message);
            throw new WeChatLoginException("wechat.login_failed", $"微信登录失败（{errorCode}），请重新打开小程序再试。", remoteFailed: false);
        }
        var unionId = answer.TryGetProperty("unionid", out var union) && union.ValueKind == JsonValueKind.String ? union.GetString() : null;
        // session_key is dropped: we neither decrypt the mini-program's data nor keep WeChat sessions.
        return new WeChatSession(openId, unionId);
    }

    /// <summary>The column's width (<c>Account.WeChatOpenId</c>); WeChat's openids are 28 characters.</summary>
    private const int MaxOpenIdLength = 64;

    private static WeChatLoginException Unreachable(Exception? inner) =>
        new("wechat.unreachable", "暂时无法连接微信，请稍后再试。", remoteFailed: true, inner);

    public void Dispose() => http.Dispose();

    [LoggerMessage(Level = LogLevel.Warning, Message = "WeChat jscode2session could not be reached: {Reason}")]
    private static partial void LogUnreachable(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "WeChat jscode2session refused the code: {ErrorCode} {ErrorMessage}")]
    private static partial void LogRefused(ILogger logger, int errorCode, string? errorMessage);
}

/// <summary>Who WeChat says the mini-program's user is.</summary>
public sealed record WeChatSession(string OpenId, string? UnionId);
