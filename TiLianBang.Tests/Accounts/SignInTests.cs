using System.Net;
using Microsoft.EntityFrameworkCore;
using TiLianBang.Core.Accounts;
using TiLianBang.Core.Demo;
using TiLianBang.Tests.Infrastructure;

namespace TiLianBang.Tests.Accounts;

public sealed class SignInTests(TiLianBangAppFactory app) : IClassFixture<TiLianBangAppFactory>
{
    [Fact]
    public async Task SignedInStaffReachAreaMonitoring()
    {
        var client = app.CreateBrowserlikeClient();

        var response = await SignInForm.PostAsync(client, DemoAccounts.MaintenanceManager, DemoAccounts.Password, "/monitor/area");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/monitor/area", response.RedirectPath());
        var page = WebUtility.HtmlDecode(await client.GetStringAsync("/monitor/area"));
        Assert.Contains("<h1", page);
        Assert.Contains("区域监控", page);
        Assert.Contains("张建国", page);
    }

    [Fact]
    public async Task AnonymousVisitorIsSentToSignIn()
    {
        var response = await app.CreateBrowserlikeClient().GetAsync("/monitor/area");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/signin", response.RedirectPath());
    }

    [Fact]
    public async Task WrongPasswordIsRefusedWithAMessage()
    {
        var client = app.CreateBrowserlikeClient();

        var response = await SignInForm.PostAsync(client, DemoAccounts.UserUnitManager, "not-the-password1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("用户名或密码错误", page);
        Assert.DoesNotContain("not-the-password1", page);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/monitor/area")).StatusCode);
    }

    [Fact]
    public async Task AccountIsLockedForTheGuessingAddressAfterRepeatedFailuresEvenForTheRightPassword()
    {
        await app.CreateAccountLikeAsync(DemoAccounts.MaintenanceWorker, "lockme", "Right-pass-1", mustChangePassword: false);
        var client = app.CreateBrowserlikeClient().From("203.0.113.50");
        for (var i = 0; i < AccountsServiceCollectionExtensions.MaxFailedSignIns; i++)
        {
            await SignInForm.PostAsync(client, "lockme", "wrong-pass-" + i);
        }

        var response = await SignInForm.PostAsync(client, "lockme", "Right-pass-1");
        var elsewhere = await SignInForm.PostAsync(app.CreateBrowserlikeClient().From("192.0.2.50"), "lockme", "Right-pass-1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("账号已锁定", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
        Assert.NotNull(response.Headers.RetryAfter?.Delta);
        // The lock holds for the guessing address only (docs/operations.md): the account itself stays usable.
        Assert.Equal(HttpStatusCode.Redirect, elsewhere.StatusCode);
        var account = await app.AsSystemAsync((_, db) => db.Users.SingleAsync(u => u.UserName == "lockme"));
        Assert.Null(account.LockoutEnd);
        Assert.Contains(await app.AsSystemAsync((_, db) => db.OperationLogs.Where(l => l.AccountId == account.Id).Select(l => l.Action).ToListAsync()),
            a => a == TiLianBang.Core.Auditing.OperationAction.LockedOut);
    }

    [Fact]
    public async Task FirstSignInForcesAPasswordChangeBeforeAnythingElse()
    {
        await app.CreateAccountLikeAsync(DemoAccounts.UserUnitManager, "newcomer", "Initial-pass-1", mustChangePassword: true);
        var client = app.CreateBrowserlikeClient();

        var signIn = await SignInForm.PostAsync(client, "newcomer", "Initial-pass-1", "/monitor/area");
        Assert.Equal("/account/change-password", signIn.RedirectPath());
        var elsewhere = await client.GetAsync("/monitor/area");
        Assert.Equal(HttpStatusCode.Redirect, elsewhere.StatusCode);
        Assert.Equal("/account/change-password", elsewhere.RedirectPath());

        var change = await SignInForm.PostFormAsync(client, "/account/change-password", "change-password", new()
        {
            ["Input.CurrentPassword"] = "Initial-pass-1",
            ["Input.NewPassword"] = "Chosen-pass-2",
            ["Input.ConfirmPassword"] = "Chosen-pass-2",
        });

        Assert.Equal(HttpStatusCode.Redirect, change.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/monitor/area")).StatusCode);
        var account = await app.AsSystemAsync((_, db) => db.Users.SingleAsync(u => u.UserName == "newcomer"));
        Assert.False(account.MustChangePassword);
        var oldPassword = await SignInForm.PostAsync(app.CreateBrowserlikeClient(), "newcomer", "Initial-pass-1");
        Assert.Equal(HttpStatusCode.OK, oldPassword.StatusCode);
    }

    [Fact]
    public async Task WeakNewPasswordIsRefusedAndTheOldOneStillWorks()
    {
        await app.CreateAccountLikeAsync(DemoAccounts.UserUnitManager, "weakling", "Initial-pass-1", mustChangePassword: true);
        var client = await app.CreateSignedInClientAsync("weakling", "Initial-pass-1");

        var change = await SignInForm.PostFormAsync(client, "/account/change-password", "change-password", new()
        {
            ["Input.CurrentPassword"] = "Initial-pass-1",
            ["Input.NewPassword"] = "short",
            ["Input.ConfirmPassword"] = "short",
        });

        Assert.Equal(HttpStatusCode.OK, change.StatusCode);
        Assert.Contains("密码至少需要 8 个字符", WebUtility.HtmlDecode(await change.Content.ReadAsStringAsync()));
        Assert.Equal(HttpStatusCode.Redirect, (await SignInForm.PostAsync(app.CreateBrowserlikeClient(), "weakling", "Initial-pass-1")).StatusCode);
    }

    [Fact]
    public async Task LanguageChoiceIsRememberedOnTheAccount()
    {
        await app.CreateAccountLikeAsync(DemoAccounts.UserUnitManager, "anglophone", "Initial-pass-1", mustChangePassword: false);
        var client = await app.CreateSignedInClientAsync("anglophone", "Initial-pass-1");

        var response = await client.GetAsync("/account/language?culture=en&returnUrl=%2Fmonitor%2Farea");
        Assert.Equal("/monitor/area", response.RedirectPath());
        Assert.Contains("Area monitoring", await client.GetStringAsync("/monitor/area"));

        // A new browser (no culture cookie) gets English from the account at sign-in.
        var fresh = await app.CreateSignedInClientAsync("anglophone", "Initial-pass-1");
        Assert.Contains("Area monitoring", await fresh.GetStringAsync("/monitor/area"));
        var account = await app.AsSystemAsync((_, db) => db.Users.SingleAsync(u => u.UserName == "anglophone"));
        Assert.Equal(AccountLanguages.English, account.Language);
    }

    [Theory]
    [InlineData("http://[")]
    [InlineData("https://evil.example/")]
    [InlineData("//evil.example")]
    [InlineData("/\\evil.example")]
    [InlineData("\\\\evil.example")]
    [InlineData("/monitor\r\nSet-Cookie: x=1")]
    [InlineData("/monitor\u0000")]
    [InlineData("javascript:alert(1)")]
    public async Task LanguageSwitchRefusesAReturnUrlThatIsNotLocal(string returnUrl)
    {
        var response = await app.CreateBrowserlikeClient().GetAsync("/account/language?culture=en&returnUrl=" + Uri.EscapeDataString(returnUrl));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
    }

    [Fact]
    public async Task LanguageSwitchRefusesAnOverlongReturnUrl()
    {
        var response = await app.CreateBrowserlikeClient().GetAsync("/account/language?culture=en&returnUrl=%2F" + new string('a', 5000));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task PageRefusesARoleWithoutItsPermission()
    {
        // The maintenance worker's role has no 系统管理 and no 统计分析 permissions.
        var client = await app.CreateSignedInClientAsync(DemoAccounts.MaintenanceWorker, DemoAccounts.Password);

        var refused = await client.GetAsync("/system/logs");
        var roles = await client.GetAsync("/system/roles");
        var statistics = await client.GetAsync("/statistics/analysis");
        var wallScreen = await client.GetAsync("/statistics/screen");

        Assert.StartsWith("/account/denied", refused.RedirectPath());
        Assert.StartsWith("/account/denied", roles.RedirectPath());
        Assert.StartsWith("/account/denied", statistics.RedirectPath());
        Assert.StartsWith("/account/denied", wallScreen.RedirectPath());
        Assert.Contains("没有访问此页面的权限", WebUtility.HtmlDecode(await client.GetStringAsync(refused.RedirectPath())));
    }

    [Fact]
    public async Task HealthReportsTheDatabaseReachable()
    {
        var response = await app.CreateClient().GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }
}
