using Microsoft.Playwright;
using TiLianBang.Core.Demo;

namespace TiLianBang.Tests.Browser;

public sealed class SignInPageTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task StaffSignInAndLandOnTheHomeDashboard()
    {
        var page = await browser.NewPageAsync();

        await page.GotoAsync("/");
        await page.WaitForURLAsync("**/account/signin**");
        await page.ScreenshotAsync("signin");
        await page.FillAsync("#username", DemoAccounts.MaintenanceManager);
        await page.FillAsync("#password", DemoAccounts.Password);
        await page.ClickAsync("#signin");

        var title = page.Locator("h1");
        await Assertions.Expect(title).ToHaveTextAsync("后台主页");
        await Assertions.Expect(page.GetByTestId("dash-status")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("current-user")).ToContainTextAsync("重庆渝安电梯工程有限公司");
        await Assertions.Expect(page.GetByTestId("nav-menu")).ToContainTextAsync("急修管理");
        await page.ScreenshotAsync("home-dashboard");
    }

    [Fact]
    public async Task WrongPasswordShowsTheReasonOnTheForm()
    {
        var page = await browser.NewPageAsync();

        await page.GotoAsync("/account/signin");
        await page.FillAsync("#username", DemoAccounts.Supervisor);
        await page.FillAsync("#password", "wrong-password-1");
        await page.ClickAsync("#signin");

        await Assertions.Expect(page.GetByTestId("signin-error")).ToHaveTextAsync("用户名或密码错误。");
        await page.ScreenshotAsync("signin-error");
    }
}
