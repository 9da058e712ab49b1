using Microsoft.Playwright;
using TiLianBang.Core.Demo;

namespace TiLianBang.Tests.Browser;

public sealed class OperationLogPageTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task CompanySeesItsOwnSignInsAndNotAnotherCompanys()
    {
        await (await browser.SignedInAsync(DemoAccounts.OtherUserUnitManager, DemoAccounts.Password)).Context.CloseAsync();
        var page = await browser.SignedInAsync(DemoAccounts.UserUnitManager, DemoAccounts.Password);

        await page.GotoAsync("/system/logs");

        var table = page.GetByTestId("log-table");
        await Assertions.Expect(table.Locator("td", new() { HasTextString = "登录" }).First).ToBeVisibleAsync();
        await Assertions.Expect(table.Locator($"td:text-is('{DemoAccounts.UserUnitManager}')").First).ToBeVisibleAsync();
        await Assertions.Expect(table.Locator($"td:text-is('{DemoAccounts.OtherUserUnitManager}')")).ToHaveCountAsync(0);
        await page.ScreenshotAsync("operation-logs");
    }

    [Fact]
    public async Task MenuOfARoleWithoutTheLogPermissionHasNoLogEntryAndTheUrlRefuses()
    {
        var page = await browser.SignedInAsync(DemoAccounts.MaintenanceWorker, DemoAccounts.Password);

        await Assertions.Expect(page.GetByTestId("nav-menu")).Not.ToContainTextAsync("日志查询");
        await page.GotoAsync("/system/logs");

        await Assertions.Expect(page.GetByTestId("no-permission")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("log-table")).ToHaveCountAsync(0);
    }
}
