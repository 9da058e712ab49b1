using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TiLianBang.Core.Demo;
using TiLianBang.Core.Elevators;
using TiLianBang.Core.Video;
using TiLianBang.Tests.Infrastructure;
using TiLianBang.Web.Features.Video;

namespace TiLianBang.Tests.Video;

/// <summary>
/// The cameras API and the demo cameras' picture on the real app (demo data on, so the demo provider): addresses for
/// the caller's elevators only, a JPEG frame for a signed-in viewer, nothing for others.
/// </summary>
public sealed class VideoEndpointsTests(TiLianBangAppFactory app) : IClassFixture<TiLianBangAppFactory>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    /// <summary>CQ0013 belongs to 渝安 (weibao, worker); 渝北 (weibao2) does not see it.</summary>
    private Task<int> ElevatorAsync(string number = "CQ0013") =>
        app.AsSystemAsync((_, db) => db.Elevators.Where(e => e.Number == number).Select(e => e.Id).SingleAsync());

    [Fact]
    public async Task CamerasListsTheFourPositionsWithTheDemoPicture()
    {
        var id = await ElevatorAsync();
        using var worker = await app.CreateApiClientAsync(DemoAccounts.MaintenanceWorker, DemoAccounts.Password);

        var feeds = (await worker.GetFromJsonAsync<List<CameraFeed>>($"/api/v1/elevators/{id}/cameras", Json))!;

        Assert.Equal([CameraPosition.Car, CameraPosition.CarTop, CameraPosition.MachineRoom, CameraPosition.Pit], feeds.Select(f => f.Position));
        Assert.All(feeds, f =>
        {
            Assert.Equal(StreamKind.JpegSocket, f.Kind);
            Assert.True(f.Simulated);
            Assert.Null(f.Failure);
            Assert.Null(f.IntercomUrl);
        });
        Assert.Equal($"/video/demo/{id}/3", feeds[2].Url);
    }

    [Fact]
    public async Task AnotherCompanysElevatorHasNoCamerasAndNoPicture()
    {
        var id = await ElevatorAsync();
        using var other = await app.CreateApiClientAsync(DemoAccounts.OtherMaintenanceManager, DemoAccounts.Password);
        using var otherBrowser = await app.CreateSignedInClientAsync(DemoAccounts.OtherMaintenanceManager, DemoAccounts.Password);

        using var cameras = await other.GetAsync($"/api/v1/elevators/{id}/cameras");
        using var picture = await otherBrowser.GetAsync($"/video/demo/{id}/1", HttpCompletionOption.ResponseHeadersRead);

        Assert.Equal(HttpStatusCode.NotFound, cameras.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, picture.StatusCode);
    }

    [Fact]
    public async Task AnonymousCallersGetNeitherAddressesNorPicture()
    {
        var id = await ElevatorAsync();
        using var anonymous = app.CreateBrowserlikeClient();

        using var cameras = await anonymous.GetAsync($"/api/v1/elevators/{id}/cameras");
        using var picture = await anonymous.GetAsync($"/video/demo/{id}/1", HttpCompletionOption.ResponseHeadersRead);

        Assert.Equal(HttpStatusCode.Unauthorized, cameras.StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, picture.StatusCode);
        Assert.DoesNotContain("multipart", picture.Content.Headers.ContentType?.MediaType ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownPositionOrElevatorIsNotFound()
    {
        var id = await ElevatorAsync();
        using var admin = await app.CreateSignedInClientAsync(DemoAccounts.PlatformAdmin, DemoAccounts.Password);

        using var position = await admin.GetAsync($"/video/demo/{id}/9", HttpCompletionOption.ResponseHeadersRead);
        using var elevator = await admin.GetAsync("/video/demo/999999/1", HttpCompletionOption.ResponseHeadersRead);
        using var cameras = await admin.GetAsync("/api/v1/elevators/999999/cameras");

        Assert.Equal(HttpStatusCode.NotFound, position.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, elevator.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, cameras.StatusCode);
    }

    [Fact]
    public async Task APlainGetReceivesMultipartJpegFrames()
    {
        var id = await ElevatorAsync();
        using var worker = await app.CreateSignedInClientAsync(DemoAccounts.MaintenanceWorker, DemoAccounts.Password);

        using var response = await worker.GetAsync($"/video/demo/{id}/1", HttpCompletionOption.ResponseHeadersRead);
        await using var body = await response.Content.ReadAsStreamAsync();
        var head = await ReadUntilJpegAsync(body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("multipart/x-mixed-replace", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("Content-Type: image/jpeg", head, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheSocketSendsAJpegFrameAndReleasesItsSlotWhenTheViewerLeaves()
    {
        var id = await ElevatorAsync();
        using var worker = await app.CreateSignedInClientAsync(DemoAccounts.MaintenanceWorker, DemoAccounts.Password);
        var cookies = app.Server.BaseAddress;
        var limiter = app.Services.GetRequiredService<DemoStreamLimiter>();
        var client = app.Server.CreateWebSocketClient();
        var cookie = await SessionCookieAsync(DemoAccounts.MaintenanceWorker);
        client.ConfigureRequest = request => request.Headers.Cookie = cookie;

        using var socket = await client.ConnectAsync(new Uri(cookies, $"/video/demo/{id}/2"), CancellationToken.None);
        var buffer = new byte[256 * 1024];
        var received = await socket.ReceiveAsync(buffer, CancellationToken.None);
        var during = limiter.Active;
        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);

        Assert.Equal(WebSocketMessageType.Binary, received.MessageType);
        Assert.Equal([0xFF, 0xD8], buffer[..2]);
        Assert.True(during >= 1);
        Assert.True(SpinWait.SpinUntil(() => limiter.Active == 0, TimeSpan.FromSeconds(10)), "the stream's slot was not released");
    }

    private async Task<string> SessionCookieAsync(string userName)
    {
        using var client = app.CreateBrowserlikeClient();
        using var response = await SignInForm.PostAsync(client, userName, DemoAccounts.Password);
        return string.Join("; ", response.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));
    }

    /// <summary>Reads the stream until a JPEG's start-of-image marker; returns the text before it.</summary>
    private static async Task<string> ReadUntilJpegAsync(Stream body)
    {
        var seen = new List<byte>();
        var buffer = new byte[4096];
        while (seen.Count < 1_000_000)
        {
            var read = await body.ReadAsync(buffer);
            Assert.True(read > 0, "the stream ended before a frame");
            seen.AddRange(buffer.AsSpan(0, read).ToArray());
            for (var i = 0; i + 1 < seen.Count; i++)
            {
                if (seen[i] == 0xFF && seen[i + 1] == 0xD8)
                {
                    return System.Text.Encoding.ASCII.GetString([.. seen.Take(i)]);
                }
            }
        }
        throw new InvalidOperationException("no JPEG frame");
    }
}
