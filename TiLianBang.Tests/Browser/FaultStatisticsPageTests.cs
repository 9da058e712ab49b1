using System.Text.RegularExpressions;
using Microsoft.Playwright;
using TiLianBang.Core.Demo;
using TiLianBang.Tests.Statistics;

namespace TiLianBang.Tests.Browser;

/// <summary>故障统计分析 (STA-2) as a maintenance company's administrator uses it: a linked view, switching the grouping, drilling down.</summary>
public sealed partial class FaultStatisticsPageTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string March = "preset=custom&from=" + FaultStatisticsFixture.From + "&to=" + FaultStatisticsFixture.To;

    [GeneratedRegex("dimension=brand.*from=2020-03-01")]
    private static partial Regex BrandAddress();

    [Fact]
    public async Task ALinkShowsTheViewABarOrRowOpensItsOrdersAndTheGroupingChangesInTheAddress()
    {
        browser.App.Clock.SetLocalTimeZone(FaultStatisticsFixture.China);
        var ids = await FaultStatisticsFixture.SeedAsync(browser.App, "FP");
        var page = await browser.SignedInAsync(DemoAccounts.MaintenanceManager, DemoAccounts.Password, 1366, 768);
        await page.OpenAsync("/statistics/faults?dimension=elevator&" + March);

        var rows = page.GetByTestId("fault-table").Locator("tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(3);
        await Assertions.Expect(page.GetByTestId("fault-total")).ToHaveTextAsync("6");
        await Assertions.Expect(page.GetByTestId("fault-chart")).ToHaveAttributeAsync("data-categories", "3");
        await Assertions.Expect(rows.First.GetByTestId("fault-row-label")).ToHaveTextAsync("FPE1 统计测试 E1");

        await rows.First.ClickAsync();
        var orders = page.GetByTestId("fault-orders").Locator("tbody tr");
        await Assertions.Expect(orders).ToHaveCountAsync(3);
        await Assertions.Expect(page.GetByTestId("fault-order-number")).ToHaveTextAsync(["FPO2X", "FPO5X", "FPO1X"]);
        await Assertions.Expect(page.GetByTestId("fault-order-number").First.Locator("a")).ToHaveAttributeAsync("href", $"/repairs/orders/{ids.Orders["o2"]}");
        await page.ScreenshotAsync("statistics-faults-drill");

        await page.GetByTestId("fault-dimension").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "电梯品牌" }).ClickAsync();
        // The page replaces the address (history.replaceState); polling the address does not depend on catching that event.
        await Assertions.Expect(page).ToHaveURLAsync(BrandAddress(), new() { Timeout = 30_000 });
        await Assertions.Expect(rows).ToHaveCountAsync(2);
        await Assertions.Expect(rows.Nth(1).GetByTestId("fault-row-label")).ToHaveTextAsync("未填写");
        await Assertions.Expect(page.GetByTestId("export-csv")).ToHaveAttributeAsync("href", "/api/v1/statistics/faults/export?dimension=brand&top=10&" + March + "&format=csv");
        await page.ScreenshotAsync("statistics-faults-brand");
    }
}
