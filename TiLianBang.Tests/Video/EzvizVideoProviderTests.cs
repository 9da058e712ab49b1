using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using TiLianBang.Core.Elevators;
using TiLianBang.Core.Video;

namespace TiLianBang.Tests.Video;

/// <summary>The EZVIZ provider against a real HTTP server on loopback standing in for open.ys7.com.</summary>
public sealed class EzvizVideoProviderTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 2, 8, 0, 0, TimeSpan.Zero));
    private FakeEzviz _ezviz = default!;

    public async Task InitializeAsync() => _ezviz = await FakeEzviz.StartAsync(_clock);

    public async Task DisposeAsync() => await _ezviz.DisposeAsync();

    private EzvizVideoProvider Provider(string? baseUrl = null, StreamKind kind = StreamKind.Hls)
    {
        var services = new ServiceCollection();
        services.AddHttpClient(EzvizVideoProvider.HttpClientName);
        var http = services.BuildServiceProvider().GetRequiredService<IHttpClientFactory>();
        var options = Options.Create(new VideoOptions
        {
            Ezviz = new EzvizVideoOptions { BaseUrl = baseUrl ?? _ezviz.BaseUrl, AppKey = "key-1", AppSecret = "secret-1", Kind = kind, Timeout = TimeSpan.FromSeconds(5) },
        });
        return new EzvizVideoProvider(http, options, _clock, NullLogger<EzvizVideoProvider>.Instance);
    }

    private static CameraRequest Camera(CameraPosition position = CameraPosition.Car, string serial = "D1001", int channel = 1) =>
        new(5, position, new ElevatorCamera { Position = position, Serial = serial, Channel = channel });

    [Fact]
    public async Task ATokenIsFetchedOnceAndServesEveryCamera()
    {
        using var provider = Provider();

        var feeds = await Task.WhenAll(Enum.GetValues<CameraPosition>().Select(p => provider.OpenAsync(Camera(p, channel: (int)p), CancellationToken.None)));
        var later = await provider.OpenAsync(Camera(), CancellationToken.None);

        Assert.Equal(1, _ezviz.TokenRequests);
        Assert.All(feeds, f => Assert.Equal(StreamKind.Hls, f.Kind));
        Assert.Equal("https://open.ys7.com/v3/openlive/D1001_3_1.m3u8?token=at-1", feeds[2].Url);
        Assert.True(later.Playable);
        Assert.Contains("appKey=key-1&appSecret=secret-1", _ezviz.Requests.First(r => r.StartsWith("token", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.Contains(_ezviz.Requests, r => r.Contains("accessToken=at-1&deviceSerial=D1001&channelNo=3&protocol=2", StringComparison.Ordinal));
    }

    [Fact]
    public async Task FlvIsAskedForWithProtocolFour()
    {
        using var provider = Provider(kind: StreamKind.Flv);

        var feed = await provider.OpenAsync(Camera(), CancellationToken.None);

        Assert.Equal(StreamKind.Flv, feed.Kind);
        Assert.Contains(_ezviz.Requests, r => r.EndsWith("protocol=4", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheTokenIsRenewedShortlyBeforeItExpires()
    {
        using var provider = Provider();
        await provider.OpenAsync(Camera(), CancellationToken.None);

        // The stand-in's tokens last 7 days; the provider renews 10 minutes early.
        _clock.Advance(TimeSpan.FromDays(7) - TimeSpan.FromMinutes(11));
        var stillFirst = await provider.OpenAsync(Camera(), CancellationToken.None);
        _clock.Advance(TimeSpan.FromMinutes(2));
        var renewed = await provider.OpenAsync(Camera(), CancellationToken.None);

        Assert.EndsWith("token=at-1", stillFirst.Url, StringComparison.Ordinal);
        Assert.EndsWith("token=at-2", renewed.Url, StringComparison.Ordinal);
        Assert.Equal(2, _ezviz.TokenRequests);
    }

    [Fact]
    public async Task ATokenEzvizCallsExpiredIsReplacedOnceAndTheAddressAskedForAgain()
    {
        using var provider = Provider();
        await provider.OpenAsync(Camera(), CancellationToken.None);
        _ezviz.RevokedTokens.TryAdd("at-1", true);

        var feed = await provider.OpenAsync(Camera(), CancellationToken.None);

        Assert.True(feed.Playable);
        Assert.EndsWith("token=at-2", feed.Url, StringComparison.Ordinal);
        Assert.Equal(2, _ezviz.TokenRequests);
    }

    [Fact]
    public async Task AnErrorCodeIsShownWithEzvizsMessage()
    {
        using var provider = Provider();

        var feed = await provider.OpenAsync(Camera(serial: "OFFLINE"), CancellationToken.None);

        Assert.False(feed.Playable);
        Assert.Equal(CameraFailure.ProviderError, feed.Failure);
        Assert.Equal("萤石开放平台返回错误 20007：设备不在线", feed.Message);
        Assert.Equal("OFFLINE", feed.Serial);
    }

    [Fact]
    public async Task RefusedCredentialsAreAProviderErrorAndNothingIsCached()
    {
        _ezviz.TokenCode = "10017";
        using var provider = Provider();

        var first = await provider.OpenAsync(Camera(), CancellationToken.None);
        _ezviz.TokenCode = "200";
        var second = await provider.OpenAsync(Camera(), CancellationToken.None);

        Assert.Equal(CameraFailure.ProviderError, first.Failure);
        Assert.Equal("萤石开放平台返回错误 10017：appKey不存在", first.Message);
        Assert.True(second.Playable);
    }

    [Fact]
    public async Task AnUnreachablePlatformIsSaidSo()
    {
        using var provider = Provider(baseUrl: "http://127.0.0.1:9");

        var feed = await provider.OpenAsync(Camera(), CancellationToken.None);

        Assert.Equal(CameraFailure.Unreachable, feed.Failure);
        Assert.Equal("无法连接萤石开放平台，请检查网络。", feed.Message);
    }

    [Fact]
    public async Task APositionWithoutACameraAsksNothing()
    {
        using var provider = Provider();

        var feed = await provider.OpenAsync(new CameraRequest(5, CameraPosition.Pit, null), CancellationToken.None);

        Assert.Equal(CameraFailure.NotConfigured, feed.Failure);
        Assert.Empty(_ezviz.Requests);
    }

    /// <summary>open.ys7.com's two calls as the provider uses them: form posts, JSON answers with a string code.</summary>
    private sealed class FakeEzviz : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private int _tokenRequests;

        private FakeEzviz(WebApplication app) => _app = app;

        public string BaseUrl => _app.Urls.First();
        public int TokenRequests => Volatile.Read(ref _tokenRequests);
        public ConcurrentQueue<string> Requests { get; } = new();
        public ConcurrentDictionary<string, bool> RevokedTokens { get; } = new();
        public string TokenCode { get; set; } = "200";

        public static async Task<FakeEzviz> StartAsync(TimeProvider clock)
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            var app = builder.Build();
            var fake = new FakeEzviz(app);
            app.MapPost("/api/lapp/token/get", async (HttpRequest request) =>
            {
                var form = await request.ReadFormAsync();
                fake.Requests.Enqueue($"token appKey={form["appKey"]}&appSecret={form["appSecret"]}");
                if (fake.TokenCode != "200")
                {
                    return Results.Json(new { code = fake.TokenCode, msg = "appKey不存在" });
                }
                var n = Interlocked.Increment(ref fake._tokenRequests);
                var expires = clock.GetUtcNow().AddDays(7).ToUnixTimeMilliseconds();
                return Results.Json(new { code = "200", msg = "操作成功!", data = new { accessToken = $"at-{n}", expireTime = expires } });
            });
            app.MapPost("/api/lapp/v2/live/address/get", async (HttpRequest request) =>
            {
                var form = await request.ReadFormAsync();
                fake.Requests.Enqueue($"live accessToken={form["accessToken"]}&deviceSerial={form["deviceSerial"]}&channelNo={form["channelNo"]}&protocol={form["protocol"]}");
                string token = form["accessToken"]!;
                if (fake.RevokedTokens.ContainsKey(token))
                {
                    return Results.Json(new { code = "10002", msg = "accessToken过期或异常" });
                }
                if (form["deviceSerial"] == "OFFLINE")
                {
                    return Results.Json(new { code = "20007", msg = "设备不在线" });
                }
                var extension = form["protocol"] == "4" ? "flv" : "m3u8";
                return Results.Json(new
                {
                    code = "200",
                    msg = "Operation succeeded",
                    data = new { id = "1", url = $"https://open.ys7.com/v3/openlive/{form["deviceSerial"]}_{form["channelNo"]}_1.{extension}?token={token}", expireTime = "2026-03-09 08:00:00" },
                });
            });
            await app.StartAsync();
            return fake;
        }

        public async ValueTask DisposeAsync() => await _app.DisposeAsync();
    }
}
