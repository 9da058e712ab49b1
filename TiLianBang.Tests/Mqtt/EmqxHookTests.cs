using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using TiLianBang.Core.Devices.Pipeline;
using TiLianBang.Tests.Infrastructure;

namespace TiLianBang.Tests.Mqtt;

/// <summary>The app as an EMQX cluster's HTTP authentication/authorization service, with the hook secret configured.</summary>
public sealed class EmqxHookAppFactory : TiLianBangAppFactory
{
    public const string HookSecret = "emqx-hook-secret-for-tests";
    public const string PlatformUser = "tlb-platform";
    public const string PlatformPassword = "platform-password-for-tests";

    public EmqxHookAppFactory()
    {
        Settings["Mqtt:External:UserName"] = PlatformUser;
        Settings["Mqtt:External:Password"] = PlatformPassword;
        Settings["Mqtt:External:HookSecret"] = HookSecret;
    }
}

/// <summary>
/// Issue 19: EMQX 5's HTTP hooks, called with the exact JSON bodies EMQX sends when configured as docs/operations.md
/// shows, answer with EMQX's documented shapes and the embedded broker's rules; without the secret nothing answers.
/// </summary>
public sealed class EmqxHookTests(EmqxHookAppFactory app) : IClassFixture<EmqxHookAppFactory>
{
    private const string Authenticate = "/api/v1/mqtt/emqx/authenticate";
    private const string Authorize = "/api/v1/mqtt/emqx/authorize";

    private async Task<HttpResponseMessage> PostAsync(string path, string json, string? secret = EmqxHookAppFactory.HookSecret)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        if (secret is not null)
        {
            request.Headers.Add("X-TiLianBang-Hook-Secret", secret);
        }
        return await app.CreateClient().SendAsync(request);
    }

    /// <summary>The whole body, so that an extra or misspelt field would show.</summary>
    private async Task<string> AnswerAsync(string path, string json)
    {
        var response = await PostAsync(path, json);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetRawText();
    }

    private static string Connect(string clientId, string userName, string password) =>
        $$"""{"clientid":"{{clientId}}","username":"{{userName}}","password":"{{password}}","peerhost":"10.8.0.17"}""";

    // EMQX renders the body template's placeholders as strings ("qos":"1") unless the template leaves them bare.
    private static string Access(string clientId, string userName, string action, string topic) =>
        $$"""{"clientid":"{{clientId}}","username":"{{userName}}","topic":"{{topic}}","action":"{{action}}","qos":"1","retain":"false","peerhost":"10.8.0.17"}""";

    private long Refused(DemoCollector collector) =>
        app.Services.GetRequiredService<DeviceActivityRegistry>().For(collector.DeviceId).Refused;

    [Fact]
    public async Task ARegisteredCollectorWithItsSecretIsAllowedAndNoSuperuser()
    {
        var collector = await DemoCollector.OfElevatorAsync(app, 31);

        Assert.Equal("""{"result":"allow","is_superuser":false}""",
            await AnswerAsync(Authenticate, Connect(collector.DeviceId, collector.DeviceId, collector.Secret)));
    }

    [Fact]
    public async Task AWrongSecretOrAnotherClientIdIsDeniedAndAnUnknownNameIsLeftToTheNextAuthenticator()
    {
        var collector = await DemoCollector.OfElevatorAsync(app, 32);

        Assert.Equal("""{"result":"deny","is_superuser":false}""",
            await AnswerAsync(Authenticate, Connect(collector.DeviceId, collector.DeviceId, "wrong-secret")));
        Assert.Equal("""{"result":"deny","is_superuser":false}""",
            await AnswerAsync(Authenticate, Connect("someone-else", collector.DeviceId, collector.Secret)));
        Assert.Equal("""{"result":"ignore","is_superuser":false}""",
            await AnswerAsync(Authenticate, Connect("UNREGISTERED-0001", "UNREGISTERED-0001", collector.Secret)));
    }

    [Fact]
    public async Task ThePlatformAccountIsASuperuserOnlyWithItsPassword()
    {
        Assert.Equal("""{"result":"allow","is_superuser":true}""",
            await AnswerAsync(Authenticate, Connect("tlb-node-a", EmqxHookAppFactory.PlatformUser, EmqxHookAppFactory.PlatformPassword)));
        Assert.Equal("""{"result":"deny","is_superuser":false}""",
            await AnswerAsync(Authenticate, Connect("tlb-node-a", EmqxHookAppFactory.PlatformUser, EmqxHookAppFactory.PlatformPassword + "x")));
        // Authorization is asked only for non-superusers, but if it is, the platform may take shared subscriptions.
        Assert.Equal("""{"result":"allow"}""",
            await AnswerAsync(Authorize, Access("tlb-node-a", EmqxHookAppFactory.PlatformUser, "subscribe", "$share/tilianbang/tlb/+/state")));
    }

    [Fact]
    public async Task ACollectorPublishesOnlyToItsOwnDataTopicsAndRefusalsAreCounted()
    {
        var collector = await DemoCollector.OfElevatorAsync(app, 33);
        var victim = await DemoCollector.OfElevatorAsync(app, 34);
        var id = collector.DeviceId;
        var before = Refused(collector);

        Assert.Equal("""{"result":"allow"}""", await AnswerAsync(Authorize, Access(id, id, "publish", collector.Topic("state"))));
        Assert.Equal("""{"result":"allow"}""", await AnswerAsync(Authorize, Access(id, id, "publish", collector.Topic("online"))));
        Assert.Equal("""{"result":"deny"}""", await AnswerAsync(Authorize, Access(id, id, "publish", victim.Topic("state"))));
        Assert.Equal("""{"result":"deny"}""", await AnswerAsync(Authorize, Access(id, id, "publish", collector.Topic("cmd"))));
        Assert.Equal("""{"result":"deny"}""", await AnswerAsync(Authorize, Access(id, id, "publish", "some/other/topic")));

        Assert.Equal(before + 3, Refused(collector));
        Assert.Equal(0, Refused(victim));
    }

    [Fact]
    public async Task ACollectorSubscribesOnlyToItsOwnCommandTopic()
    {
        var collector = await DemoCollector.OfElevatorAsync(app, 35);
        var victim = await DemoCollector.OfElevatorAsync(app, 36);
        var id = collector.DeviceId;

        Assert.Equal("""{"result":"allow"}""", await AnswerAsync(Authorize, Access(id, id, "subscribe", collector.Topic("cmd"))));
        Assert.Equal("""{"result":"deny"}""", await AnswerAsync(Authorize, Access(id, id, "subscribe", victim.Topic("cmd"))));
        Assert.Equal("""{"result":"deny"}""", await AnswerAsync(Authorize, Access(id, id, "subscribe", "tlb/#")));
        Assert.Equal("""{"result":"deny"}""", await AnswerAsync(Authorize, Access(id, id, "subscribe", "tlb/+/state")));
        Assert.Equal("""{"result":"deny"}""", await AnswerAsync(Authorize, Access(id, id, "subscribe", $"$share/g/{collector.Topic("cmd")}")));
    }

    [Fact]
    public async Task AnUnknownDeviceOrAClientUsingAnotherNameIsDeniedEverything()
    {
        var collector = await DemoCollector.OfElevatorAsync(app, 37);

        Assert.Equal("""{"result":"deny"}""",
            await AnswerAsync(Authorize, Access("UNREGISTERED-0002", "UNREGISTERED-0002", "publish", "tlb/UNREGISTERED-0002/state")));
        Assert.Equal("""{"result":"deny"}""",
            await AnswerAsync(Authorize, Access("other-client", collector.DeviceId, "publish", collector.Topic("state"))));
        // qos and retain as bare numbers/booleans (a template without quotes) are read just as well.
        Assert.Equal("""{"result":"allow"}""", await AnswerAsync(Authorize,
            $$"""{"clientid":"{{collector.DeviceId}}","username":"{{collector.DeviceId}}","topic":"{{collector.Topic("event")}}","action":"publish","qos":1,"retain":false}"""));
    }

    [Fact]
    public async Task WithoutTheHookSecretOrWithAWrongOneTheHooksAnswer401()
    {
        var collector = await DemoCollector.OfElevatorAsync(app, 38);
        var body = Connect(collector.DeviceId, collector.DeviceId, collector.Secret);

        Assert.Equal(HttpStatusCode.Unauthorized, (await PostAsync(Authenticate, body, secret: null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostAsync(Authenticate, body, secret: "wrong")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostAsync(Authenticate, body, secret: EmqxHookAppFactory.HookSecret + "x")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized,
            (await PostAsync(Authorize, Access(collector.DeviceId, collector.DeviceId, "publish", collector.Topic("state")), secret: null)).StatusCode);
        // A staff member's token is no way in either.
        var staff = await app.CreateApiClientAsync(Core.Demo.DemoAccounts.MaintenanceManager, Core.Demo.DemoAccounts.Password);
        var asStaff = await staff.PostAsync(Authenticate, new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Unauthorized, asStaff.StatusCode);
    }

    [Fact]
    public async Task MalformedBodiesAreProblemDetails400()
    {
        var collector = await DemoCollector.OfElevatorAsync(app, 39);
        var id = collector.DeviceId;

        foreach (var (path, body) in new[]
        {
            (Authenticate, "{\"clientid\":"),
            (Authenticate, "[1,2,3]"),
            (Authenticate, $$"""{"clientid":"{{id}}","password":"x"}"""),
            (Authenticate, $$"""{"clientid":{"nested":1},"username":"{{id}}","password":"x"}"""),
            (Authorize, $$"""{"clientid":"{{id}}","username":"{{id}}","topic":"{{collector.Topic("state")}}","action":"connect"}"""),
            (Authorize, $$"""{"clientid":"{{id}}","username":"{{id}}","action":"publish"}"""),
        })
        {
            var response = await PostAsync(path, body);
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{path} {body} → {(int)response.StatusCode}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
    }
}
