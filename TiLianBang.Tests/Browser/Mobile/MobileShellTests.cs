using System.Net.Http.Json;
using System.Text.Json;
using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TiLianBang.Core.Accounts;
using Microsoft.Playwright;
using TiLianBang.Core.Demo;

namespace TiLianBang.Tests.Browser.Mobile;

/// <summary>The phone app's frame: sign-in, home, 我的, language, sign-out, and that it never calls out.</summary>
public sealed class MobileShellTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task AWorkerSignsInAndTheHomePageShowsTheirToDoCountsFromTheServer()
    {
        var phone = await browser.SignedInPhoneAsync(DemoAccounts.MaintenanceWorker, DemoAccounts.Password);

        using var api = await browser.App.CreateApiClientAsync(DemoAccounts.MaintenanceWorker, DemoAccounts.Password);
        var home = await api.GetFromJsonAsync<JsonElement>("/api/v1/home");
        var toDo = home.GetProperty("toDo");
        await Assertions.Expect(phone.ByTestId("todo-repairs")).ToContainTextAsync(toDo.GetProperty("repairs").GetInt32().ToString(CultureInfo.InvariantCulture));
        await Assertions.Expect(phone.ByTestId("todo-maintenance")).ToContainTextAsync(toDo.GetProperty("maintenanceDueToday").GetInt32().ToString(CultureInfo.InvariantCulture));
        await Assertions.Expect(phone.ByTestId("todo-messages")).ToContainTextAsync(toDo.GetProperty("unreadMessages").GetInt32().ToString(CultureInfo.InvariantCulture));
        // A worker's role has 设备调试 and 急修; the grid offers what the role has.
        await Assertions.Expect(phone.ByTestId("fn-repairs")).ToBeVisibleAsync();
        await phone.ScreenshotAsync("home");

        // wot's search box shows its placeholder over the input until tapped, as on a phone.
        await phone.ByTestId("home-search").ClickAsync();
        await phone.SearchAsync("home-search", "CQ0001");
        await Assertions.Expect(phone.ByTestId("home-hit").First).ToContainTextAsync("CQ0001");

        Assert.Empty(phone.ForeignRequests);
        Assert.Empty(phone.Errors);
    }

    [Fact]
    public async Task AWrongPasswordIsSaidOnTheFormAndNothingElseOpens()
    {
        var phone = await browser.PhoneAsync();
        await phone.OpenAsync("/pages/login/index");
        await phone.Input("login-user").FillAsync(DemoAccounts.MaintenanceWorker);
        await phone.Input("login-password").FillAsync("wrong-password");
        await phone.ByTestId("login-submit").ClickAsync();
        await Assertions.Expect(phone.ByTestId("login-error")).ToContainTextAsync("密码");
        await phone.ScreenshotAsync("login-refused");

        // No session: any page sends the person back to sign in.
        await phone.OpenAsync("/pages/home/index");
        await Assertions.Expect(phone.ByTestId("login-submit")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task TheLanguageFollowsTheAccountAndSigningOutEndsTheSession()
    {
        var account = await browser.App.CreateAccountLikeAsync(DemoAccounts.MaintenanceWorker, "phone-language", "Phone@2026x", mustChangePassword: false);
        var phone = await browser.SignedInPhoneAsync(account.UserName!, "Phone@2026x");
        await phone.Page.Locator(".uni-tabbar__item").Nth(3).ClickAsync();
        await Assertions.Expect(phone.ByTestId("me-profile")).ToContainTextAsync(account.DisplayName);
        await phone.ScreenshotAsync("me");

        await phone.ByTestId("me-language").ClickAsync();
        await Assertions.Expect(phone.Page.Locator(".uni-tabbar__item").Nth(0)).ToContainTextAsync("Home");
        await Assertions.Expect(phone.ByTestId("me-signout")).ToContainTextAsync("Sign out");
        await Assertions.Expect(phone.Page.Locator(".uni-page-head__title")).ToHaveTextAsync("Me");
        // Stored on the account, so the next phone (and the server's own texts) speak English too.
        await AssertEventuallyAsync(async () => await browser.App.AsSystemAsync((_, db) => db.Users.Where(a => a.Id == account.Id).Select(a => a.Language).SingleAsync()) == "en");
        await phone.ScreenshotAsync("me-english");

        await phone.ByTestId("me-signout").ClickAsync();
        await phone.Page.Locator(".uni-modal__btn_primary").ClickAsync();
        await Assertions.Expect(phone.ByTestId("login-submit")).ToBeVisibleAsync();
        await phone.OpenAsync("/pages/me/index");
        await Assertions.Expect(phone.ByTestId("login-submit")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task ADisabledAccountIsSentBackToSignInOnItsNextRequest()
    {
        var account = await browser.App.CreateAccountLikeAsync(DemoAccounts.MaintenanceWorker, "phone-disabled", "Phone@2026x", mustChangePassword: false);
        var phone = await browser.SignedInPhoneAsync(account.UserName!, "Phone@2026x");

        await browser.App.AsSystemAsync(async (services, _) =>
        {
            var users = services.GetRequiredService<UserManager<Account>>();
            return await users.SetLockoutEndDateAsync((await users.FindByIdAsync(account.Id.ToString(CultureInfo.InvariantCulture)))!, DateTimeOffset.MaxValue);
        });
        await phone.Page.Locator(".uni-tabbar__item").Nth(3).ClickAsync();
        await Assertions.Expect(phone.ByTestId("login-submit")).ToBeVisibleAsync();
    }

    private static async Task AssertEventuallyAsync(Func<Task<bool>> condition)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            if (await condition())
            {
                return;
            }
            await Task.Delay(100);
        }
        Assert.Fail("the condition did not become true within 10 s");
    }
}
