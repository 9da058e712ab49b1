using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace TiLianBang.Tests.Infrastructure;

/// <summary>
/// A real HTTP server on loopback standing in for the WeChat API and an SMS gateway, which cannot be reached
/// from here. It can be told to fail the next N sends, and it records what it was asked.
/// </summary>
public sealed class FakeRemoteApi : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FakeRemoteApi(WebApplication app) => _app = app;

    public string BaseUrl => _app.Urls.First();
    public ConcurrentQueue<string> Requests { get; } = new();
    private int _tokenRequests;
    private int _failNextSends;

    public int TokenRequests => Volatile.Read(ref _tokenRequests);

    /// <summary>How many of the next message sends answer HTTP 500.</summary>
    public int FailNextSends
    {
        get => Volatile.Read(ref _failNextSends);
        set => Volatile.Write(ref _failNextSends, value);
    }

    /// <summary>WeChat errcode for sends that get through (0 = success).</summary>
    public int WeChatErrorCode { get; set; }

    /// <summary>HTTP status the SMS gateway answers.</summary>
    public int SmsStatus { get; set; } = 200;

    /// <summary>Mini-program login codes <c>jscode2session</c> knows, and the openid each stands for.</summary>
    public ConcurrentDictionary<string, string> OpenIdsByCode { get; } = new();

    /// <summary>WeChat errcode <c>jscode2session</c> answers for every code (0 = answer from <see cref="OpenIdsByCode"/>).</summary>
    public int LoginErrorCode { get; set; }

    /// <summary>The JSON bodies the SMS gateway received, oldest first.</summary>
    public IEnumerable<string> SmsBodies => Requests.Where(r => r.StartsWith("sms ", StringComparison.Ordinal));

    public static async Task<FakeRemoteApi> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var fake = new FakeRemoteApi(app);
        app.MapGet("/cgi-bin/token", (HttpRequest request) =>
        {
            Interlocked.Increment(ref fake._tokenRequests);
            fake.Requests.Enqueue("token " + request.QueryString);
            return Results.Json(new { access_token = "token-" + fake.TokenRequests, expires_in = 7200 });
        });
        app.MapPost("/cgi-bin/message/subscribe/send", async (HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body);
            fake.Requests.Enqueue("send " + request.QueryString + " " + await reader.ReadToEndAsync());
            if (Interlocked.Decrement(ref fake._failNextSends) >= 0)
            {
                return Results.StatusCode(500);
            }
            return Results.Json(new { errcode = fake.WeChatErrorCode, errmsg = fake.WeChatErrorCode == 0 ? "ok" : "refused" });
        });
        app.MapGet("/sns/jscode2session", (HttpRequest request) =>
        {
            fake.Requests.Enqueue("jscode2session " + request.QueryString);
            var code = request.Query["js_code"].ToString();
            object answer = fake.LoginErrorCode != 0
                ? new { errcode = fake.LoginErrorCode, errmsg = "refused" }
                : fake.OpenIdsByCode.TryRemove(code, out var openId)
                    ? new { openid = openId, session_key = "session-" + code, unionid = "union-" + openId }
                    // WeChat's answer for a code it did not issue (or one already used).
                    : new { errcode = 40029, errmsg = "invalid code" };
            // As WeChat does: JSON, but labelled text/plain.
            return Results.Text(System.Text.Json.JsonSerializer.Serialize(answer), "text/plain");
        });
        app.MapPost("/sms/send", async (HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body);
            fake.Requests.Enqueue("sms " + request.Headers["X-Api-Key"] + " " + await reader.ReadToEndAsync());
            return Results.StatusCode(fake.SmsStatus);
        });
        await app.StartAsync();
        return fake;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
