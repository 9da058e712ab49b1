using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using TiLianBang.Core.Demo;
using TiLianBang.Tests.Infrastructure;

namespace TiLianBang.Tests.Api;

/// <summary>
/// What every endpoint shares: paging bounds, refusals as problem details that name the field (also for input the
/// endpoint could not even read), times with their offset, and the rate limit on the anonymous endpoints.
/// </summary>
public sealed class ApiConventionsTests(TiLianBangAppFactory app) : IClassFixture<TiLianBangAppFactory>
{
    private static async Task<JsonNode> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    [Theory]
    [InlineData("page=0", "page", "validation")]
    [InlineData("pageSize=0", "pageSize", "validation")]
    [InlineData("pageSize=101", "pageSize", "validation")]
    [InlineData("page=abc", "page", "request.invalid")]
    [InlineData("pageSize=99999999999", "pageSize", "request.invalid")]
    public async Task AListRefusesAPageOutOfBoundsNamingTheParameter(string query, string field, string code)
    {
        var client = await app.CreateApiClientAsync(DemoAccounts.MaintenanceManager, DemoAccounts.Password);

        var problem = await ProblemAsync(await client.GetAsync($"/api/v1/elevators?{query}"), HttpStatusCode.BadRequest);

        Assert.Equal(code, problem["code"]!.GetValue<string>());
        Assert.NotNull(problem["errors"]![field]);
        Assert.Single(problem["errors"]!.AsObject());
    }

    [Fact]
    public async Task AListAnswersItsPageWithTheTotal()
    {
        var client = await app.CreateApiClientAsync(DemoAccounts.PlatformAdmin, DemoAccounts.Password);

        var first = JsonNode.Parse(await client.GetStringAsync("/api/v1/elevators?page=1&pageSize=7"))!;
        var last = JsonNode.Parse(await client.GetStringAsync($"/api/v1/elevators?page=9&pageSize=7"))!;
        var beyond = JsonNode.Parse(await client.GetStringAsync($"/api/v1/elevators?page=100&pageSize=7"))!;

        Assert.Equal(DemoSeeder.ElevatorCount, first["total"]!.GetValue<int>());
        Assert.Equal(7, first["items"]!.AsArray().Count);
        Assert.Equal(1, first["page"]!.GetValue<int>());
        Assert.Equal(7, first["pageSize"]!.GetValue<int>());
        Assert.Equal(DemoSeeder.ElevatorCount - 8 * 7, last["items"]!.AsArray().Count);
        Assert.Empty(beyond["items"]!.AsArray());
        Assert.Equal(DemoSeeder.ElevatorCount, beyond["total"]!.GetValue<int>());
    }

    [Fact]
    public async Task ABodyThatDoesNotParseIsRefusedNamingTheFieldAndChangesNothing()
    {
        var client = await app.CreateApiClientAsync(DemoAccounts.PlatformAdmin, DemoAccounts.Password);

        var wrongType = await client.PostAsync("/api/v1/roles",
            new StringContent("""{"name":"新角色","companyId":"not a number","permissions":[]}""", Encoding.UTF8, "application/json"));
        var broken = await client.PostAsync("/api/v1/roles", new StringContent("{\"name\":", Encoding.UTF8, "application/json"));

        var problem = await ProblemAsync(wrongType, HttpStatusCode.BadRequest);
        Assert.Equal("request.invalid", problem["code"]!.GetValue<string>());
        Assert.NotNull(problem["errors"]!["companyId"]);
        Assert.Equal("request.invalid", (await ProblemAsync(broken, HttpStatusCode.BadRequest))["code"]!.GetValue<string>());
        var roles = JsonNode.Parse(await client.GetStringAsync("/api/v1/roles?text=新角色"))!;
        Assert.Equal(0, roles["total"]!.GetValue<int>());
    }

    [Fact]
    public async Task TheFrameworksOwnRefusalsAreProblemsWithCodesToo()
    {
        var worker = await app.CreateApiClientAsync(DemoAccounts.MaintenanceWorker, DemoAccounts.Password);

        var anonymous = await app.CreateClient().GetAsync("/api/v1/elevators");
        var forbidden = await worker.GetAsync("/api/v1/accounts");
        var missing = await worker.GetAsync("/api/v1/no-such-thing");

        Assert.Equal("auth.unauthenticated", (await ProblemAsync(anonymous, HttpStatusCode.Unauthorized))["code"]!.GetValue<string>());
        Assert.Equal("auth.forbidden", (await ProblemAsync(forbidden, HttpStatusCode.Forbidden))["code"]!.GetValue<string>());
        Assert.Equal("not_found", (await ProblemAsync(missing, HttpStatusCode.NotFound))["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task TimesCarryTheirOffset()
    {
        var client = await app.CreateApiClientAsync(DemoAccounts.PlatformAdmin, DemoAccounts.Password);
        await app.CreateApiClientAsync(DemoAccounts.MaintenanceWorker, DemoAccounts.Password);

        var accounts = JsonNode.Parse(await client.GetStringAsync($"/api/v1/accounts?text={DemoAccounts.MaintenanceWorker}"))!;
        var signedIn = accounts["items"]!.AsArray().Single(a => a!["userName"]!.GetValue<string>() == DemoAccounts.MaintenanceWorker)!["lastSignInAtUtc"]!.GetValue<string>();

        Assert.EndsWith("Z", signedIn);
        Assert.InRange(DateTimeOffset.Parse(signedIn, System.Globalization.CultureInfo.InvariantCulture), app.Clock.GetUtcNow().AddMinutes(-1), app.Clock.GetUtcNow().AddMinutes(1));
    }
}

/// <summary>The anonymous endpoints answer 429 with Retry-After once an address has used its requests for the minute.</summary>
public sealed class AnonymousRateLimitTests : IDisposable
{
    private readonly TiLianBangAppFactory _app = new() { Settings = { ["RateLimits:AnonymousPerMinute"] = "3", ["RateLimits:LiveConnectsPerMinute"] = "2" } };

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task AnAddressThatTriesTooOftenIsToldToWaitAndOthersAreNot()
    {
        var attacker = _app.CreateClient().From("203.0.113.7");
        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 4; i++)
        {
            answers.Add(await attacker.PostAsJsonAsync("/api/v1/auth/token", new { userName = DemoAccounts.MaintenanceWorker, password = "wrong" + i }));
        }
        var recovery = await attacker.PostAsJsonAsync("/api/v1/auth/recovery/code", new { phone = "13800000000" });
        var someoneElse = await _app.CreateClient().From("198.51.100.9")
            .PostAsJsonAsync("/api/v1/auth/token", new { userName = DemoAccounts.MaintenanceWorker, password = DemoAccounts.Password });

        Assert.All(answers.Take(3), a => Assert.NotEqual(HttpStatusCode.TooManyRequests, a.StatusCode));
        Assert.Equal(HttpStatusCode.TooManyRequests, answers[3].StatusCode);
        Assert.True(answers[3].Headers.RetryAfter?.Delta > TimeSpan.Zero);
        var problem = JsonNode.Parse(await answers[3].Content.ReadAsStringAsync())!;
        Assert.Equal("request.rate_limited", problem["code"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.TooManyRequests, recovery.StatusCode);
        Assert.Equal(HttpStatusCode.OK, someoneElse.StatusCode);
    }

    [Fact]
    public async Task OneAddressCannotOpenLiveSocketsWithoutEnd()
    {
        var client = _app.CreateClient().From("203.0.113.8");

        var attempts = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            attempts.Add((await client.GetAsync("/api/v1/live")).StatusCode);
        }

        Assert.All(attempts.Take(2), s => Assert.NotEqual(HttpStatusCode.TooManyRequests, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, attempts[2]);
    }
}
