using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using TiLianBang.Core.Accounts;
using TiLianBang.Core.Auditing;
using TiLianBang.Core.Notifications;
using TiLianBang.Tests.Infrastructure;
using TiLianBang.Web.Features.Accounts;

namespace TiLianBang.Tests.Accounts;

/// <summary>API-1 绑定: one account, one WeChat user; then a mini-program login code alone signs the account in.</summary>
public sealed class WeChatBindingTests(RemoteBackedApp fixture) : IClassFixture<RemoteBackedApp>
{
    private const string ApiPath = "/api/v1/elevators";
    private readonly TiLianBangAppFactory _app = fixture.App;

    private Task<HttpResponseMessage> BindAsync(string userName, string code, string password = RemoteBackedApp.Password, string channel = RemoteBackedApp.Channel, string address = "10.20.0.1") =>
        _app.CreateClient().From(address).PostAsJsonAsync("/api/v1/auth/bind", new BindRequest(userName, password, channel, code));

    private async Task<HttpClient> ClientWithTokenOfAsync(HttpResponseMessage response) =>
        ClientWithToken((await response.Content.ReadFromJsonAsync<TokenResponse>())!);

    private HttpClient ClientWithToken(TokenResponse token)
    {
        var client = _app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", token.AccessToken);
        return client;
    }

    private Task<List<OperationLog>> LogsOfAsync(string userName) =>
        _app.AsSystemAsync((_, db) => db.OperationLogs.AsNoTracking().Where(l => l.UserName == userName).OrderBy(l => l.Id).ToListAsync());

    [Fact]
    public async Task BindingGivesATokenAndBindsTheWeChatUser()
    {
        var account = await fixture.NewAccountAsync("wx-once");

        var response = await BindAsync("wx-once", fixture.LoginCode("openid-once"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var client = await ClientWithTokenOfAsync(response);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(ApiPath)).StatusCode);
        var bound = await fixture.AccountAsync(account.Id);
        Assert.Equal("openid-once", bound.WeChatOpenId);
        Assert.Equal(_app.Clock.GetUtcNow().UtcDateTime, bound.WeChatBoundAtUtc);
        Assert.Contains(await LogsOfAsync("wx-once"), l => l.Action == OperationAction.WeChatBound && l.AccountId == account.Id);
        Assert.Contains(fixture.Remote.Requests, r => r.StartsWith("jscode2session ?appid=wx-test-app&secret=secret&js_code=code-", StringComparison.Ordinal)
            && r.EndsWith("&grant_type=authorization_code", StringComparison.Ordinal));
    }

    [Fact]
    public async Task BindingAgainWithTheSameWeChatUserIsHarmless()
    {
        var account = await fixture.NewAccountAsync("wx-again");
        await BindAsync("wx-again", fixture.LoginCode("openid-again"));

        var again = await BindAsync("wx-again", fixture.LoginCode("openid-again"));

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal("openid-again", (await fixture.AccountAsync(account.Id)).WeChatOpenId);
    }

    [Fact]
    public async Task ASecondWeChatUserCannotBindABoundAccount()
    {
        var account = await fixture.NewAccountAsync("wx-taken-account");
        await BindAsync("wx-taken-account", fixture.LoginCode("openid-first"));

        var second = await BindAsync("wx-taken-account", fixture.LoginCode("openid-second"));

        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Equal("wechat.account_bound", await RemoteBackedApp.CodeOfAsync(second));
        Assert.Equal("openid-first", (await fixture.AccountAsync(account.Id)).WeChatOpenId);
        Assert.False(await _app.AsSystemAsync((_, db) => db.Users.AnyAsync(u => u.WeChatOpenId == "openid-second")));
    }

    [Fact]
    public async Task ABoundWeChatUserCannotBindASecondAccount()
    {
        var first = await fixture.NewAccountAsync("wx-shared-1");
        var second = await fixture.NewAccountAsync("wx-shared-2");
        await BindAsync("wx-shared-1", fixture.LoginCode("openid-shared"));

        var response = await BindAsync("wx-shared-2", fixture.LoginCode("openid-shared"));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("wechat.openid_bound", await RemoteBackedApp.CodeOfAsync(response));
        Assert.Equal("openid-shared", (await fixture.AccountAsync(first.Id)).WeChatOpenId);
        var unchanged = await fixture.AccountAsync(second.Id);
        Assert.Null(unchanged.WeChatOpenId);
        Assert.Null(unchanged.WeChatBoundAtUtc);
        Assert.DoesNotContain(await LogsOfAsync("wx-shared-2"), l => l.Action == OperationAction.WeChatBound);
    }

    [Fact]
    public async Task ABoundWeChatUserSignsInWithALoginCodeAlone()
    {
        var account = await fixture.NewAccountAsync("wx-auto");
        await BindAsync("wx-auto", fixture.LoginCode("openid-auto"));

        var response = await _app.CreateClient().PostAsJsonAsync("/api/v1/auth/wechat", new WeChatSignInRequest(fixture.LoginCode("openid-auto")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var token = await response.Content.ReadFromJsonAsync<TokenResponse>();
        Assert.False(token!.MustChangePassword);
        var client = ClientWithToken(token);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(ApiPath)).StatusCode);
        var jwt = new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(token.AccessToken);
        Assert.Equal(account.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), jwt.GetClaim(AccountClaimTypes.AccountId).Value);
        Assert.Contains(await LogsOfAsync("wx-auto"), l => l.Action == OperationAction.SignIn && l.Summary == "WeChat");
    }

    [Fact]
    public async Task AnUnboundWeChatUserIsToldToBindFirst()
    {
        var response = await _app.CreateClient().PostAsJsonAsync("/api/v1/auth/wechat", new WeChatSignInRequest(fixture.LoginCode("openid-stranger")));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("wechat.not_bound", await RemoteBackedApp.CodeOfAsync(response));
    }

    [Fact]
    public async Task ADisabledAccountDoesNotSignInByWeChat()
    {
        var account = await fixture.NewAccountAsync("wx-disabled");
        await BindAsync("wx-disabled", fixture.LoginCode("openid-disabled"));
        await _app.AsSystemAsync(async (services, _) =>
        {
            var users = services.GetRequiredService<UserManager<Account>>();
            return await users.SetLockoutEndDateAsync((await users.FindByIdAsync(account.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)))!, DateTimeOffset.MaxValue);
        });

        var response = await _app.CreateClient().PostAsJsonAsync("/api/v1/auth/wechat", new WeChatSignInRequest(fixture.LoginCode("openid-disabled")));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("account.disabled", await RemoteBackedApp.CodeOfAsync(response));
    }

    [Fact]
    public async Task AWrongPasswordAtBindingIsRefusedCountedAndBindsNothing()
    {
        var account = await fixture.NewAccountAsync("wx-guess");
        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < AccountsServiceCollectionExtensions.MaxFailedSignIns + 1; i++)
        {
            answers.Add(await BindAsync("wx-guess", fixture.LoginCode("openid-guess"), password: "Wrong-pass-" + i, address: "10.20.0.2"));
        }

        Assert.Equal(HttpStatusCode.Unauthorized, answers[0].StatusCode);
        Assert.Equal("account.wrong_credentials", await RemoteBackedApp.CodeOfAsync(answers[0]));
        // The fifth failure locks the name for this address, like sign-ins with /auth/token.
        Assert.Equal((HttpStatusCode)423, answers[^1].StatusCode);
        Assert.NotNull(answers[^1].Headers.RetryAfter);
        Assert.Equal(AccountsServiceCollectionExtensions.MaxFailedSignIns,
            (await LogsOfAsync("wx-guess")).Count(l => l.Action == OperationAction.SignInFailed));
        Assert.Null((await fixture.AccountAsync(account.Id)).WeChatOpenId);
        // The password is checked first: WeChat is not asked for a code that will not be used.
        Assert.True(fixture.Remote.OpenIdsByCode.Values.Count(v => v == "openid-guess") == answers.Count);
    }

    [Fact]
    public async Task AWrongChannelIsRefusedBeforeThePasswordIsChecked()
    {
        var account = await fixture.NewAccountAsync("wx-channel");

        var response = await BindAsync("wx-channel", fixture.LoginCode("openid-channel"), channel: "9999");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("wechat.wrong_channel", await RemoteBackedApp.CodeOfAsync(response));
        Assert.Null((await fixture.AccountAsync(account.Id)).WeChatOpenId);
        Assert.DoesNotContain(await LogsOfAsync("wx-channel"), l => l.Action is OperationAction.SignIn or OperationAction.SignInFailed);
    }

    [Fact]
    public async Task AWeChatErrorBindsNothing()
    {
        var account = await fixture.NewAccountAsync("wx-error");
        fixture.Remote.LoginErrorCode = 40163;
        HttpResponseMessage response;
        try
        {
            response = await BindAsync("wx-error", fixture.LoginCode("openid-error"));
        }
        finally
        {
            fixture.Remote.LoginErrorCode = 0;
        }

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal("wechat.login_failed", await RemoteBackedApp.CodeOfAsync(response));
        var unchanged = await fixture.AccountAsync(account.Id);
        Assert.Null(unchanged.WeChatOpenId);
        Assert.DoesNotContain(await LogsOfAsync("wx-error"), l => l.Action == OperationAction.WeChatBound);
    }

    [Fact]
    public async Task AnUnknownLoginCodeIsAWeChatRefusal()
    {
        var response = await _app.CreateClient().PostAsJsonAsync("/api/v1/auth/wechat", new WeChatSignInRequest("code-never-issued"));

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal("wechat.login_failed", await RemoteBackedApp.CodeOfAsync(response));
    }

    [Fact]
    public async Task MadeUpLoginCodesFromOneAddressAreThrottled()
    {
        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < SignInThrottle.MaxFailuresPerAddress + 1; i++)
        {
            answers.Add(await _app.CreateClient().From("10.20.0.9").PostAsJsonAsync("/api/v1/auth/wechat", new WeChatSignInRequest("made-up-" + i)));
        }
        var elsewhere = await _app.CreateClient().From("10.20.0.10").PostAsJsonAsync("/api/v1/auth/wechat", new WeChatSignInRequest(fixture.LoginCode("openid-elsewhere")));

        Assert.All(answers.SkipLast(1), a => Assert.Equal(HttpStatusCode.BadGateway, a.StatusCode));
        Assert.Equal((HttpStatusCode)429, answers[^1].StatusCode);
        Assert.Equal("signin.throttled", await RemoteBackedApp.CodeOfAsync(answers[^1]));
        Assert.NotNull(answers[^1].Headers.RetryAfter);
        // The throttled request did not cost a call to WeChat.
        Assert.DoesNotContain(fixture.Remote.Requests, r => r.Contains("js_code=made-up-" + SignInThrottle.MaxFailuresPerAddress + "&", StringComparison.Ordinal));
        Assert.Equal("wechat.not_bound", await RemoteBackedApp.CodeOfAsync(elsewhere));
    }

    [Fact]
    public async Task AnUnreachableWeChatIsAGatewayFailure()
    {
        using var login = new WeChatLogin(
            Options.Create(new WeChatOptions { BaseUrl = "http://127.0.0.1:1", AppId = "wx-test-app", AppSecret = "secret" }),
            NullLogger<WeChatLogin>.Instance);

        var failure = await Assert.ThrowsAsync<WeChatLoginException>(() => login.ExchangeAsync("any-code", default));

        Assert.True(failure.RemoteFailed);
        Assert.Equal("wechat.unreachable", failure.Code);
        Assert.DoesNotContain("secret", failure.Message, StringComparison.Ordinal);
    }
}
