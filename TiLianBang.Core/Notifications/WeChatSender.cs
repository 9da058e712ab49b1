using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace TiLianBang.Core.Notifications;

/// <summary>
/// Mini-program subscription messages (REP-5) through the WeChat API: an access token fetched with AppId/secret
/// and cached until shortly before it expires, then <c>message/subscribe/send</c>.
/// </summary>
public sealed class WeChatSender(IOptions<WeChatOptions> options, TimeProvider clock) : INotificationSender, IDisposable
{
    private readonly HttpClient http = RemoteApi.NewClient();
    // WeChat's codes for a token that is invalid or expired: fetch a new one next time.
    private static readonly HashSet<int> TokenErrors = [40001, 40014, 42001];
    // The user refused or never subscribed: retrying cannot help.
    private static readonly HashSet<int> PermanentErrors = [43101, 40003];

    private readonly SemaphoreSlim _tokenGate = new(1, 1);
    private string? _token;
    private DateTimeOffset _tokenExpires;

    public NotificationChannel Channel => NotificationChannel.WeChat;

    public async Task SendAsync(Notification notification, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (string.IsNullOrEmpty(settings.AppId) || string.IsNullOrEmpty(settings.AppSecret) || string.IsNullOrEmpty(settings.TemplateId))
        {
            throw new NotificationFailedException("WeChat is not configured (WeChat:AppId, AppSecret, TemplateId).");
        }
        if (string.IsNullOrEmpty(notification.Address))
        {
            throw new NotificationFailedException("The account is not bound to a WeChat user.", permanent: true);
        }
        var token = await TokenAsync(settings, cancellationToken);
        var body = new
        {
            touser = notification.Address,
            template_id = settings.TemplateId,
            page = settings.Page,
            data = new
            {
                thing1 = new { value = Shorten(notification.Title, 20) },
                thing2 = new { value = Shorten(notification.Body, 20) },
            },
        };
        var result = await CallAsync(() => http.PostAsJsonAsync($"{settings.BaseUrl.TrimEnd('/')}/cgi-bin/message/subscribe/send?access_token={token}", body, cancellationToken), cancellationToken);
        var code = result.TryGetProperty("errcode", out var errcode) ? errcode.GetInt32() : 0;
        if (code == 0)
        {
            return;
        }
        if (TokenErrors.Contains(code))
        {
            _token = null;
        }
        var message = result.TryGetProperty("errmsg", out var errmsg) ? errmsg.GetString() : null;
        throw new NotificationFailedException($"WeChat refused the message: {code} {message}", PermanentErrors.Contains(code));
    }

    private async Task<string> TokenAsync(WeChatOptions settings, CancellationToken cancellationToken)
    {
        await _tokenGate.WaitAsync(cancellationToken);
        try
        {
            if (_token is not null && clock.GetUtcNow() < _tokenExpires)
            {
                return _token;
            }
            var url = $"{settings.BaseUrl.TrimEnd('/')}/cgi-bin/token?grant_type=client_credential&appid={Uri.EscapeDataString(settings.AppId!)}&secret={Uri.EscapeDataString(settings.AppSecret!)}";
            var result = await CallAsync(() => http.GetAsync(url, cancellationToken), cancellationToken);
            if (!result.TryGetProperty("access_token", out var token) || token.GetString() is not { Length: > 0 } value)
            {
                throw new NotificationFailedException($"WeChat gave no access token: {result}");
            }
            var lifetime = result.TryGetProperty("expires_in", out var expires) ? expires.GetInt32() : 7200;
            _token = value;
            _tokenExpires = clock.GetUtcNow().AddSeconds(Math.Max(60, lifetime - 300));
            return value;
        }
        finally
        {
            _tokenGate.Release();
        }
    }

    private static async Task<JsonElement> CallAsync(Func<Task<HttpResponseMessage>> call, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await call();
        }
        catch (HttpRequestException e)
        {
            throw new NotificationFailedException("WeChat could not be reached: " + e.Message, inner: e);
        }
        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                throw new NotificationFailedException($"WeChat answered HTTP {(int)response.StatusCode}");
            }
            return await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        }
    }

    public void Dispose()
    {
        http.Dispose();
        _tokenGate.Dispose();
    }

    private static string Shorten(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";
}
