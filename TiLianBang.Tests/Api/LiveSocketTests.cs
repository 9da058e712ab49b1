using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TiLianBang.Core.Accounts;
using TiLianBang.Core.Data;
using TiLianBang.Core.Demo;
using TiLianBang.Tests.Infrastructure;
using TiLianBang.Web.Features.Accounts;

namespace TiLianBang.Tests.Api;

/// <summary>The live socket's app: short tokens and a small per-account limit, so tests reach both.</summary>
public sealed class LiveAppFactory : TiLianBangAppFactory
{
    public static readonly TimeSpan TokenLifetime = TimeSpan.FromMinutes(10);
    public const int SocketsPerAccount = 3;

    public LiveAppFactory()
    {
        Settings["Auth:Lifetime"] = TokenLifetime.ToString();
        Settings["Live:MaxSocketsPerAccount"] = SocketsPerAccount.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}

/// <summary>
/// <c>/api/v1/live</c> (API-3, DEV-5) end to end: the real pipeline over TestServer's WebSocket client, real MQTT
/// publishes from test collectors, the clock driven by the test.
/// </summary>
public sealed class LiveSocketTests(LiveAppFactory app) : IClassFixture<LiveAppFactory>
{
    private const string Password = "Live-pass-1";
    private static readonly Uri LiveUri = new("ws://localhost/api/v1/live");
    /// <summary>A guard against a hung test, not a sleep: each wait ends as soon as the frame arrives.</summary>
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task ElevatorSubscriptionSendsASnapshotThenTheStateItsCollectorPublishes()
    {
        var collector = await CollectorVisibleToAsync(DemoAccounts.MaintenanceManager, from: 1);
        using var socket = await ConnectAsync(await TokenAsync(DemoAccounts.MaintenanceManager));
        await ExpectAsync(socket, "ready");

        await SendAsync(socket, new { type = "subscribe", elevatorId = collector.ElevatorId });
        var snapshot = await ExpectAsync(socket, "elevatorState");
        Assert.Equal(collector.ElevatorId, snapshot.GetProperty("elevatorId").GetInt32());

        using var device = await MqttTestClient.ConnectAsync(app.MqttPort, collector);
        await device.PublishAsync(collector.Topic("state"), """{"mode":1,"run":1,"dir":1,"floor":7,"door":2}""");

        var moved = await ExpectAsync(socket, "elevatorState", f => f.GetProperty("live").GetProperty("floor") is { ValueKind: JsonValueKind.Number } floor
            && floor.GetInt32() == 7);
        Assert.Equal("Running", moved.GetProperty("status").GetString());
        var live = moved.GetProperty("live");
        Assert.True(live.GetProperty("online").GetBoolean());
        Assert.True(live.GetProperty("running").GetBoolean());
        Assert.Equal("Up", live.GetProperty("direction").GetString());
        // ISO 8601 with an offset.
        Assert.Matches(@"(Z|[+-]\d\d:\d\d)$", live.GetProperty("stateAt").GetString()!);
        // Never heard from: the same view, empty, rather than null.
        Assert.Equal("Offline", snapshot.GetProperty("status").GetString());
        Assert.False(snapshot.GetProperty("live").GetProperty("hasState").GetBoolean());
    }

    [Fact]
    public async Task AStateFrameCarriesTheViewOfTheRestDetailSoAClientAppliesItThere()
    {
        // CQ0014 has 33 landings, the lowest two B2 and B1: labels that are not the landing numbers.
        var collector = await DemoCollector.OfElevatorAsync(app, 14);
        using var socket = await ConnectAsync(await TokenAsync(DemoAccounts.MaintenanceManager));
        await ExpectAsync(socket, "ready");
        await SendAsync(socket, new { type = "subscribe", elevatorId = collector.ElevatorId });
        var unknown = await ExpectAsync(socket, "elevatorState");
        using var api = await app.CreateApiClientAsync(DemoAccounts.MaintenanceManager, DemoAccounts.Password);
        var unknownDetail = await api.GetFromJsonAsync<JsonElement>($"/api/v1/monitoring/elevators/{collector.ElevatorId}");

        using var device = await MqttTestClient.ConnectAsync(app.MqttPort, collector);
        await device.PublishAsync(collector.Topic("state"),
            """{"mode":1,"run":0,"dir":0,"floor":3,"door":4,"zone":1,"people":1,"load":35,"calls":{"car":[1],"up":[2],"down":[33]}}""");
        await device.PublishAsync(collector.Topic("event"), """{"id":"live-door-1","code":2,"state":1,"floor":3}""");
        var frame = await ExpectAsync(socket, "elevatorState", f => f.GetProperty("live").GetProperty("faults").GetArrayLength() == 1);
        var detail = await api.GetFromJsonAsync<JsonElement>($"/api/v1/monitoring/elevators/{collector.ElevatorId}");

        Assert.Equal(["type", "elevatorId", "status", "live"], Names(frame));
        Assert.Equal(PropertyPaths(detail.GetProperty("live")), PropertyPaths(frame.GetProperty("live")));
        Assert.Equal(PropertyPaths(unknownDetail.GetProperty("live")), PropertyPaths(unknown.GetProperty("live")));
        Assert.Equal(unknownDetail.GetProperty("live").GetRawText(), unknown.GetProperty("live").GetRawText());
        // Nothing changed in between: the frame holds exactly what the detail shows.
        Assert.Equal(detail.GetProperty("live").GetRawText(), frame.GetProperty("live").GetRawText());
        Assert.Equal(detail.GetProperty("status").GetString(), frame.GetProperty("status").GetString());
        Assert.Equal("Fault", frame.GetProperty("status").GetString());
        var live = frame.GetProperty("live");
        Assert.Equal("1", live.GetProperty("floorLabel").GetString());
        Assert.Equal("B2", Assert.Single(live.GetProperty("calls").GetProperty("car").EnumerateArray()).GetString());
        Assert.Equal("31", Assert.Single(live.GetProperty("calls").GetProperty("down").EnumerateArray()).GetString());
        var fault = Assert.Single(live.GetProperty("faults").EnumerateArray());
        Assert.Equal((2, "关门故障"), (fault.GetProperty("code").GetInt32(), fault.GetProperty("name").GetString()));
    }

    [Fact]
    public async Task FaultNamesComeInTheLanguageOfTheSocketsAccountLikeTheRestDetail()
    {
        var collector = await CollectorVisibleToAsync(DemoAccounts.MaintenanceManager, from: 16);
        await app.CreateAccountLikeAsync(DemoAccounts.MaintenanceManager, "live-english", Password, mustChangePassword: false);
        await app.AsSystemAsync(async (_, db) =>
        {
            (await db.Users.SingleAsync(u => u.UserName == "live-english")).Language = AccountLanguages.English;
            return await db.SaveChangesAsync();
        });
        var token = await TokenAsync("live-english", Password);
        using var english = await ConnectAsync(token: null);
        await SendAsync(english, new { type = "auth", token });
        await ExpectAsync(english, "ready");
        using var chinese = await ConnectAsync(await TokenAsync(DemoAccounts.MaintenanceManager));
        await ExpectAsync(chinese, "ready");
        foreach (var socket in new[] { english, chinese })
        {
            await SendAsync(socket, new { type = "subscribe", elevatorId = collector.ElevatorId });
            await ExpectAsync(socket, "elevatorState");
        }

        using var device = await MqttTestClient.ConnectAsync(app.MqttPort, collector);
        await device.PublishAsync(collector.Topic("event"), """{"id":"live-door-2","code":2,"state":1,"floor":3}""");
        static bool Faulted(JsonElement f) => f.GetProperty("live").GetProperty("faults").GetArrayLength() == 1;
        var inEnglish = (await ExpectAsync(english, "elevatorState", Faulted)).GetProperty("live").GetProperty("faults")[0].GetProperty("name").GetString();
        var inChinese = (await ExpectAsync(chinese, "elevatorState", Faulted)).GetProperty("live").GetProperty("faults")[0].GetProperty("name").GetString();
        using var api = app.CreateClient();
        api.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        var detail = await api.GetFromJsonAsync<JsonElement>($"/api/v1/monitoring/elevators/{collector.ElevatorId}");

        Assert.Equal("关门故障", inChinese);
        Assert.NotEqual(inChinese, inEnglish);
        Assert.Equal(detail.GetProperty("live").GetProperty("faults")[0].GetProperty("name").GetString(), inEnglish);
    }

    [Fact]
    public async Task ATokenInTheFirstFrameAuthenticatesASocketOpenedWithoutHeader()
    {
        var collector = await CollectorVisibleToAsync(DemoAccounts.MaintenanceWorker, from: 5);
        using var socket = await ConnectAsync(token: null);

        await SendAsync(socket, new { type = "auth", token = await TokenAsync(DemoAccounts.MaintenanceWorker) });
        var ready = await ExpectAsync(socket, "ready");
        await SendAsync(socket, new { type = "subscribe", elevatorId = collector.ElevatorId });

        Assert.True(ready.GetProperty("accountId").GetInt32() > 0);
        Assert.Equal(collector.ElevatorId, (await ExpectAsync(socket, "elevatorState")).GetProperty("elevatorId").GetInt32());
    }

    [Fact]
    public async Task StatusCountsComeAsASnapshotAndAgainAfterAChange()
    {
        var visible = await CountVisibleAsync(DemoAccounts.MaintenanceManager);
        var collector = await CollectorVisibleToAsync(DemoAccounts.MaintenanceManager, from: 10);
        using var socket = await ConnectAsync(await TokenAsync(DemoAccounts.MaintenanceManager));
        await ExpectAsync(socket, "ready");

        await SendAsync(socket, new { type = "subscribe", topic = "status-counts" });
        var snapshot = (await ExpectAsync(socket, "statusCounts")).GetProperty("counts");
        Assert.Equal(visible, snapshot.GetProperty("all").GetInt32());
        var inspectionBefore = snapshot.GetProperty("inspection").GetInt32();

        using var device = await MqttTestClient.ConnectAsync(app.MqttPort, collector);
        var inInspection = app.WaitForAsync(collector.ElevatorId, s => s.Online && s.Mode == Core.Devices.Protocol.ServiceMode.Inspection);
        await device.PublishAsync(collector.Topic("state"), """{"mode":2,"run":0,"dir":0,"floor":3,"door":2}""");
        await inInspection;

        // Counts are coalesced per interval of the app's clock: it moves on until the frame comes.
        var changed = ExpectAsync(socket, "statusCounts", f => f.GetProperty("counts").GetProperty("inspection").GetInt32() == inspectionBefore + 1);
        await AdvanceUntilAsync(changed, TimeSpan.FromSeconds(1));
        var counts = (await changed).GetProperty("counts");
        Assert.Equal(visible, counts.GetProperty("all").GetInt32());
        Assert.Equal(counts.GetProperty("all").GetInt32(), counts.GetProperty("online").GetInt32() + counts.GetProperty("offline").GetInt32());
    }

    [Fact]
    public async Task UpgradeWithABadBearerHeaderIsRefusedWith401()
    {
        var forged = await TokenAsync(DemoAccounts.MaintenanceManager);
        forged = forged[..^4] + (forged[^4..] == "AAAA" ? "BBBB" : "AAAA");

        var refused = await Assert.ThrowsAnyAsync<Exception>(() => ConnectAsync(forged));
        var garbage = await Assert.ThrowsAnyAsync<Exception>(() => ConnectAsync("not-a-token"));

        Assert.Contains("401", refused.Message);
        Assert.Contains("401", garbage.Message);
    }

    [Fact]
    public async Task AnAccountThatMustChangeItsPasswordGetsNoSocket()
    {
        await app.CreateAccountLikeAsync(DemoAccounts.MaintenanceWorker, "live-must-change", Password, mustChangePassword: true);
        var token = await TokenAsync("live-must-change", Password);

        var refused = await Assert.ThrowsAnyAsync<Exception>(() => ConnectAsync(token));
        using var socket = await ConnectAsync(token: null);
        await SendAsync(socket, new { type = "auth", token });

        Assert.Contains("403", refused.Message);
        var (status, reason) = await ExpectCloseAsync(socket);
        Assert.Equal(WebSocketCloseStatus.PolicyViolation, status);
        Assert.Equal("auth_invalid", reason);
    }

    [Fact]
    public async Task ASocketWithoutTokenIsClosedWhenItsFirstFrameIsNotAuth()
    {
        using var socket = await ConnectAsync(token: null);

        await SendAsync(socket, new { type = "subscribe", topic = "status-counts" });

        var (status, reason) = await ExpectCloseAsync(socket);
        Assert.Equal(WebSocketCloseStatus.PolicyViolation, status);
        Assert.Equal("auth_required", reason);
    }

    [Fact]
    public async Task ASocketWithABadTokenFrameIsClosed()
    {
        var forged = await TokenAsync(DemoAccounts.MaintenanceManager);
        forged = forged[..^4] + (forged[^4..] == "AAAA" ? "BBBB" : "AAAA");
        using var socket = await ConnectAsync(token: null);

        await SendAsync(socket, new { type = "auth", token = forged });

        var (status, reason) = await ExpectCloseAsync(socket);
        Assert.Equal(WebSocketCloseStatus.PolicyViolation, status);
        Assert.Equal("auth_invalid", reason);
    }

    [Fact]
    public async Task ASocketThatSendsNoTokenIsClosedAfterTheAuthTimeout()
    {
        using var socket = await ConnectAsync(token: null);

        var closed = ExpectCloseAsync(socket);
        await AdvanceUntilAsync(closed, TimeSpan.FromSeconds(1));

        var (status, reason) = await closed;
        Assert.Equal(WebSocketCloseStatus.PolicyViolation, status);
        Assert.Equal("auth_timeout", reason);
    }

    [Fact]
    public async Task AnotherCompanysElevatorOrDeviceIsAnsweredLikeAnUnknownOne()
    {
        var foreign = await CollectorVisibleToAsync(DemoAccounts.OtherMaintenanceManager, from: 1);
        var own = await CollectorVisibleToAsync(DemoAccounts.MaintenanceWorker, from: 1);
        Assert.NotEqual(foreign.ElevatorId, own.ElevatorId);
        using var socket = await ConnectAsync(await TokenAsync(DemoAccounts.MaintenanceWorker));
        await ExpectAsync(socket, "ready");

        await SendAsync(socket, new { type = "subscribe", elevatorId = foreign.ElevatorId });
        var foreignElevator = await ExpectAsync(socket, "error");
        await SendAsync(socket, new { type = "subscribe", elevatorId = int.MaxValue });
        var unknownElevator = await ExpectAsync(socket, "error");
        await SendAsync(socket, new { type = "subscribe", deviceId = foreign.DeviceId });
        var foreignDevice = await ExpectAsync(socket, "error");
        await SendAsync(socket, new { type = "subscribe", deviceId = "999999999999999" });
        var unknownDevice = await ExpectAsync(socket, "error");

        Assert.All(new[] { foreignElevator, unknownElevator, foreignDevice, unknownDevice },
            e => Assert.Equal("not_found", e.GetProperty("code").GetString()));
        Assert.Equal(unknownElevator.GetProperty("message").GetString()!.Replace(int.MaxValue.ToString(System.Globalization.CultureInfo.InvariantCulture), "", StringComparison.Ordinal),
            foreignElevator.GetProperty("message").GetString()!.Replace(foreign.ElevatorId.ToString(System.Globalization.CultureInfo.InvariantCulture), "", StringComparison.Ordinal));
        // Its own elevator and device still work on the same socket.
        await SendAsync(socket, new { type = "subscribe", elevatorId = own.ElevatorId });
        Assert.Equal(own.ElevatorId, (await ExpectAsync(socket, "elevatorState")).GetProperty("elevatorId").GetInt32());
        await SendAsync(socket, new { type = "subscribe", deviceId = own.DeviceId });
        Assert.Equal(own.DeviceId, (await ExpectAsync(socket, "deviceMessages")).GetProperty("deviceId").GetString());
    }

    [Fact]
    public async Task DeviceMessagesNeedDeviceDebuggingPermission()
    {
        var collector = await CollectorVisibleToAsync(DemoAccounts.UserUnitManager, from: 1);
        using var socket = await ConnectAsync(await TokenAsync(DemoAccounts.UserUnitManager));
        await ExpectAsync(socket, "ready");

        await SendAsync(socket, new { type = "subscribe", deviceId = collector.DeviceId });

        Assert.Equal("forbidden", (await ExpectAsync(socket, "error")).GetProperty("code").GetString());
    }

    [Fact]
    public async Task DeviceSubscriptionShowsEachMessageAsThePipelineTakesOrRejectsIt()
    {
        var collector = await CollectorVisibleToAsync(DemoAccounts.MaintenanceWorker, from: 20);
        using var socket = await ConnectAsync(await TokenAsync(DemoAccounts.MaintenanceWorker));
        await ExpectAsync(socket, "ready");
        await SendAsync(socket, new { type = "subscribe", deviceId = collector.DeviceId });
        await ExpectAsync(socket, "deviceMessages");

        using var device = await MqttTestClient.ConnectAsync(app.MqttPort, collector);
        await device.PublishAsync(collector.Topic("state"), """{"mode":1,"run":0,"dir":0,"floor":4,"door":2}""");
        await device.PublishAsync(collector.Topic("state"), "{not json");

        var accepted = await ExpectAsync(socket, "deviceMessages", f => HasMessage(f, m => m.GetProperty("payload").GetString()!.Contains("\"floor\":4", StringComparison.Ordinal)));
        var rejected = await ExpectAsync(socket, "deviceMessages", f => HasMessage(f, m => m.GetProperty("payload").GetString() == "{not json"));
        Assert.True(Message(accepted, "\"floor\":4").GetProperty("accepted").GetBoolean());
        var bad = Message(rejected, "{not json");
        Assert.False(bad.GetProperty("accepted").GetBoolean());
        Assert.False(string.IsNullOrEmpty(bad.GetProperty("rejection").GetString()));
        Assert.Equal(collector.Topic("state"), bad.GetProperty("topic").GetString());
    }

    [Fact]
    public async Task BadFramesAreAnsweredAndTheSocketStaysUsable()
    {
        var collector = await CollectorVisibleToAsync(DemoAccounts.MaintenanceManager, from: 25);
        using var socket = await ConnectAsync(await TokenAsync(DemoAccounts.MaintenanceManager));
        await ExpectAsync(socket, "ready");

        await SendTextAsync(socket, "this is not json");
        Assert.Equal("bad_frame", (await ExpectAsync(socket, "error")).GetProperty("code").GetString());
        await SendTextAsync(socket, """{"type":"subscribe","elevatorId":"twelve"}""");
        Assert.Equal("bad_frame", (await ExpectAsync(socket, "error")).GetProperty("code").GetString());
        await SendTextAsync(socket, "[1,2,3]");
        Assert.Equal("bad_frame", (await ExpectAsync(socket, "error")).GetProperty("code").GetString());
        await SendAsync(socket, new { type = "launch-rockets" });
        Assert.Equal("unknown_type", (await ExpectAsync(socket, "error")).GetProperty("code").GetString());
        await SendAsync(socket, new { type = "subscribe" });
        Assert.Equal("bad_subscription", (await ExpectAsync(socket, "error")).GetProperty("code").GetString());
        await SendAsync(socket, new { type = "subscribe", elevatorId = 1, deviceId = "1" });
        Assert.Equal("bad_subscription", (await ExpectAsync(socket, "error")).GetProperty("code").GetString());
        await socket.SendAsync(new byte[] { 1, 2, 3 }, WebSocketMessageType.Binary, true, CancellationToken.None);
        Assert.Equal("bad_frame", (await ExpectAsync(socket, "error")).GetProperty("code").GetString());

        await SendAsync(socket, new { type = "ping" });
        await ExpectAsync(socket, "pong");
        await SendAsync(socket, new { type = "subscribe", elevatorId = collector.ElevatorId });
        Assert.Equal(collector.ElevatorId, (await ExpectAsync(socket, "elevatorState")).GetProperty("elevatorId").GetInt32());
        await SendAsync(socket, new { type = "unsubscribe", elevatorId = collector.ElevatorId });
        Assert.Equal(collector.ElevatorId, (await ExpectAsync(socket, "unsubscribed")).GetProperty("elevatorId").GetInt32());
    }

    [Fact]
    public async Task AFrameAboveTheSizeLimitClosesTheSocket()
    {
        using var socket = await ConnectAsync(await TokenAsync(DemoAccounts.MaintenanceManager));
        await ExpectAsync(socket, "ready");

        await SendTextAsync(socket, $$"""{"type":"ping","padding":"{{new string('x', 64 * 1024)}}"}""");

        var (status, reason) = await ExpectCloseAsync(socket);
        Assert.Equal(WebSocketCloseStatus.MessageTooBig, status);
        Assert.Equal("frame_too_large", reason);
    }

    [Fact]
    public async Task ASocketHoldsOnlyAHandfulOfSubscriptions()
    {
        using var socket = await ConnectAsync(await TokenAsync(DemoAccounts.PlatformAdmin));
        var max = (await ExpectAsync(socket, "ready")).GetProperty("maxSubscriptions").GetInt32();
        var elevators = await app.AsSystemAsync((_, db) => db.Elevators.OrderBy(e => e.Id).Select(e => e.Id).Take(max + 1).ToListAsync());

        foreach (var id in elevators.Take(max))
        {
            await SendAsync(socket, new { type = "subscribe", elevatorId = id });
            await ExpectAsync(socket, "elevatorState");
        }
        await SendAsync(socket, new { type = "subscribe", elevatorId = elevators[max] });

        Assert.Equal("too_many_subscriptions", (await ExpectAsync(socket, "error")).GetProperty("code").GetString());
    }

    [Fact]
    public async Task DisablingTheAccountClosesItsSocket()
    {
        var account = await app.CreateAccountLikeAsync(DemoAccounts.MaintenanceManager, "live-disable", Password, mustChangePassword: false);
        using var socket = await ConnectAsync(await TokenAsync("live-disable", Password));
        await ExpectAsync(socket, "ready");
        var closed = ExpectCloseAsync(socket);

        var admin = await app.CreateApiClientAsync(DemoAccounts.PlatformAdmin, DemoAccounts.Password);
        (await admin.PostAsync($"/api/v1/accounts/{account.Id}/disable", null)).EnsureSuccessStatusCode();

        var (status, reason) = await closed.WaitAsync(Guard);
        Assert.Equal(WebSocketCloseStatus.PolicyViolation, status);
        Assert.Equal("session_ended", reason);
    }

    [Fact]
    public async Task TheSocketIsClosedWhenItsTokenExpires()
    {
        using var socket = await ConnectAsync(await TokenAsync(DemoAccounts.MaintenanceWorker));
        await ExpectAsync(socket, "ready");

        app.Clock.Advance(LiveAppFactory.TokenLifetime - TimeSpan.FromSeconds(5));
        await SendAsync(socket, new { type = "ping" });
        await ExpectAsync(socket, "pong");
        var closed = ExpectCloseAsync(socket);
        await AdvanceUntilAsync(closed, TimeSpan.FromSeconds(10));

        var (status, reason) = await closed;
        Assert.Equal(WebSocketCloseStatus.PolicyViolation, status);
        Assert.Equal("token_expired", reason);
    }

    [Fact]
    public async Task ANewSocketOverTheAccountsLimitClosesItsOldest()
    {
        await app.CreateAccountLikeAsync(DemoAccounts.MaintenanceWorker, "live-limit", Password, mustChangePassword: false);
        var token = await TokenAsync("live-limit", Password);
        var sockets = new List<WebSocket>();
        for (var i = 0; i < LiveAppFactory.SocketsPerAccount; i++)
        {
            var open = await ConnectAsync(token);
            await ExpectAsync(open, "ready");
            sockets.Add(open);
        }
        var oldestClosed = ExpectCloseAsync(sockets[0]);

        using var newest = await ConnectAsync(token);
        await ExpectAsync(newest, "ready");

        var (status, reason) = await oldestClosed;
        Assert.Equal(WebSocketCloseStatus.PolicyViolation, status);
        Assert.Equal("replaced_by_newer_socket", reason);
        // The others are still served.
        await SendAsync(sockets[1], new { type = "ping" });
        await ExpectAsync(sockets[1], "pong");
        foreach (var socket in sockets)
        {
            socket.Dispose();
        }
    }

    // ---- helpers ----

    private async Task<string> TokenAsync(string userName, string password = DemoAccounts.Password)
    {
        var response = await app.CreateClient().PostAsJsonAsync("/api/v1/auth/token", new TokenRequest(userName, password));
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<TokenResponse>())!.AccessToken;
    }

    private async Task<WebSocket> ConnectAsync(string? token)
    {
        var client = app.Server.CreateWebSocketClient();
        if (token is not null)
        {
            client.ConfigureRequest = request => request.Headers.Authorization = $"Bearer {token}";
        }
        return await client.ConnectAsync(LiveUri, CancellationToken.None);
    }

    /// <summary>The first demo collector (index ≥ <paramref name="from"/>) whose elevator the account sees.</summary>
    private async Task<DemoCollector> CollectorVisibleToAsync(string userName, int from)
    {
        await using var scope = await app.ScopeAsAsync(userName);
        var visible = await scope.ServiceProvider.GetRequiredService<TiLianBangDbContext>().Elevators.Select(e => e.Id).ToListAsync();
        for (var index = from; index <= 60; index++)
        {
            var collector = await DemoCollector.OfElevatorAsync(app, index);
            if (visible.Contains(collector.ElevatorId))
            {
                return collector;
            }
        }
        throw new InvalidOperationException($"No demo elevator from {from} is visible to {userName}.");
    }

    private async Task<int> CountVisibleAsync(string userName)
    {
        await using var scope = await app.ScopeAsAsync(userName);
        return await scope.ServiceProvider.GetRequiredService<TiLianBangDbContext>().Elevators.CountAsync();
    }

    /// <summary>Moves the app's clock on in steps until <paramref name="done"/> completes (real I/O runs meanwhile).</summary>
    private async Task AdvanceUntilAsync(Task done, TimeSpan step)
    {
        var deadline = DateTime.UtcNow + Guard;
        while (!done.IsCompleted && DateTime.UtcNow < deadline)
        {
            app.Clock.Advance(step);
            await Task.WhenAny(done, Task.Delay(50));
        }
    }

    private static List<string> Names(JsonElement element) => [.. element.EnumerateObject().Select(p => p.Name)];

    /// <summary>Every property of an object, nested ones as <c>a.b</c>: the shape, whatever the values.</summary>
    private static List<string> PropertyPaths(JsonElement element, string prefix = "") =>
        [.. element.EnumerateObject().SelectMany(p => p.Value.ValueKind == JsonValueKind.Object
            ? [prefix + p.Name, .. PropertyPaths(p.Value, prefix + p.Name + ".")]
            : new[] { prefix + p.Name })];

    private static Task SendAsync(WebSocket socket, object frame) =>
        socket.SendAsync(JsonSerializer.SerializeToUtf8Bytes(frame), WebSocketMessageType.Text, true, CancellationToken.None);

    private static Task SendTextAsync(WebSocket socket, string text) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, CancellationToken.None);

    /// <summary>Reads frames until one of <paramref name="type"/> (matching <paramref name="match"/>) arrives; a close fails the test.</summary>
    private static async Task<JsonElement> ExpectAsync(WebSocket socket, string type, Func<JsonElement, bool>? match = null)
    {
        var deadline = DateTime.UtcNow + Guard;
        while (true)
        {
            var remaining = deadline - DateTime.UtcNow;
            Assert.True(remaining > TimeSpan.Zero, $"No {type} frame arrived.");
            var (frame, close) = await ReceiveAsync(socket).WaitAsync(remaining);
            Assert.True(frame is not null, $"The socket closed ({close}) while a {type} frame was expected.");
            if (frame.Value.GetProperty("type").GetString() == type && (match is null || match(frame.Value)))
            {
                return frame.Value;
            }
        }
    }

    /// <summary>Reads (and ignores) frames until the server closes; answers the close, as a client should.</summary>
    private static async Task<(WebSocketCloseStatus? Status, string? Reason)> ExpectCloseAsync(WebSocket socket)
    {
        var deadline = DateTime.UtcNow + Guard;
        while (true)
        {
            var (frame, _) = await ReceiveAsync(socket).WaitAsync(deadline - DateTime.UtcNow);
            if (frame is null)
            {
                var closed = (socket.CloseStatus, socket.CloseStatusDescription);
                if (socket.State == WebSocketState.CloseReceived)
                {
                    await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "", CancellationToken.None);
                }
                return closed;
            }
        }
    }

    private static async Task<(JsonElement? Frame, WebSocketCloseStatus? Close)> ReceiveAsync(WebSocket socket)
    {
        var buffer = new byte[64 * 1024];
        var count = 0;
        ValueWebSocketReceiveResult result;
        do
        {
            result = await socket.ReceiveAsync(buffer.AsMemory(count), CancellationToken.None);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return (null, socket.CloseStatus);
            }
            count += result.Count;
        }
        while (!result.EndOfMessage);
        using var document = JsonDocument.Parse(buffer.AsMemory(0, count));
        return (document.RootElement.Clone(), null);
    }

    private static bool HasMessage(JsonElement frame, Func<JsonElement, bool> match) =>
        frame.GetProperty("messages").EnumerateArray().Any(match);

    private static JsonElement Message(JsonElement frame, string payloadPart) =>
        frame.GetProperty("messages").EnumerateArray().First(m => m.GetProperty("payload").GetString()!.Contains(payloadPart, StringComparison.Ordinal));
}
