using System.Net;
using System.Reflection;
using System.Text.Json;
using TiLianBang.Core.Demo;
using TiLianBang.Tests.Infrastructure;
using TiLianBang.Web.Features.Home;
using static TiLianBang.Tests.Api.HomeApiChecks;

namespace TiLianBang.Tests.Api;

/// <summary>API-10 关于 / 版本更新: the product, the server's version and clock, and the oldest mini-program it accepts.</summary>
public sealed class AboutApiTests : IClassFixture<TiLianBangAppFactory>
{
    private const string MinimumVersion = "2.3.4";
    private readonly TiLianBangAppFactory _app;

    public AboutApiTests(TiLianBangAppFactory app)
    {
        // Configuration is read when the app starts, which is at the first request of the first test.
        app.Settings["MiniProgram:MinimumVersion"] = MinimumVersion;
        _app = app;
    }

    [Fact]
    public async Task AboutNamesTheProductVersionClockAndMinimumMiniProgram()
    {
        var worker = await _app.CreateApiClientAsync(DemoAccounts.MaintenanceWorker, DemoAccounts.Password);

        var response = await worker.GetAsync("/api/v1/about");
        var about = await ApiJson.OkAsync<AboutResponse>(response);
        var raw = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(AboutEndpoints.ProductName, about.Product);
        Assert.Equal(typeof(AboutEndpoints).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion, about.Version);
        Assert.Equal(_app.Clock.GetUtcNow(), about.ServerTime);
        Assert.Equal(_app.Clock.GetLocalNow().Offset, about.ServerTime.Offset);
        // ISO 8601 with its offset, so a phone in any zone reads the same instant.
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?([+-]\d{2}:\d{2}|Z)$", raw.GetProperty("serverTime").GetString());
        Assert.Equal(MinimumVersion, about.MinimumMiniProgramVersion);
    }

    [Fact]
    public async Task AboutFollowsTheClockAndNeedsAToken()
    {
        var worker = await _app.CreateApiClientAsync(DemoAccounts.MaintenanceWorker, DemoAccounts.Password);
        var before = (await ApiJson.OkAsync<AboutResponse>(await worker.GetAsync("/api/v1/about"))).ServerTime;

        _app.Clock.Advance(TimeSpan.FromMinutes(7));
        var after = (await ApiJson.OkAsync<AboutResponse>(await worker.GetAsync("/api/v1/about"))).ServerTime;

        Assert.Equal(TimeSpan.FromMinutes(7), after - before);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _app.CreateClient().GetAsync("/api/v1/about")).StatusCode);
    }
}
