using Microsoft.Playwright;
using TiLianBang.Core.Demo;

namespace TiLianBang.Tests.Browser;

public sealed class MonitoringQueryPageTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task SearchNarrowsTheListAndOpensTheLiveDetail()
    {
        var page = await browser.SignedInAsync(DemoAccounts.PlatformAdmin, DemoAccounts.Password);
        await page.OpenAsync("/monitor/query");
        var rows = page.GetByTestId("query-results").Locator("tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(20);

        await page.GetByTestId("query-number").FillAsync("CQ001");

        await Assertions.Expect(rows).ToHaveCountAsync(10);
        await page.ScreenshotAsync("monitoring-query");
        await rows.First.GetByRole(AriaRole.Link).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/monitor/elevators/\\d+$"));
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("CQ0010");
    }

    [Fact]
    public async Task ACompanyFindsOnlyItsOwnElevators()
    {
        var page = await browser.SignedInAsync(DemoAccounts.OtherMaintenanceManager, DemoAccounts.Password);
        await page.OpenAsync("/monitor/query");

        await page.GetByTestId("query-number").FillAsync("CQ0001");

        // CQ0001 is maintained by the other maintenance company.
        await Assertions.Expect(page.GetByTestId("query-results")).ToContainTextAsync("没有符合条件的电梯");
        await Assertions.Expect(page.GetByTestId("query-results").GetByTestId("empty-state")).ToBeVisibleAsync();
        // An empty list has no pager counting "0-0 of 0".
        await Assertions.Expect(page.GetByText("第 0-0 条")).ToHaveCountAsync(0);
    }
}
