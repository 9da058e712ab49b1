using Microsoft.Playwright;
using TiLianBang.Core.Demo;
using TiLianBang.Core.Repairs;
using TiLianBang.Tests.Infrastructure;
using TiLianBang.Tests.Maintenance;
using TiLianBang.Tests.Statistics;

namespace TiLianBang.Tests.Browser;

/// <summary>STA-1 电梯信息查询 and STA-3 维保工作统计 as people use them: search, a tab's period, the drill-down.</summary>
public sealed class StatisticsRecordsPagesTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task AnElevatorIsFoundAndItsRepairsFollowTheTabsPeriod()
    {
        await RecordsFixture.OfAsync(browser.App);
        var now = browser.App.Clock.GetUtcNow().UtcDateTime;
        var (elevator, _) = await browser.App.ElevatorAsync(1);
        await browser.App.AsSystemAsync(async (_, db) =>
        {
            db.RepairOrders.AddRange(
                new RepairOrder { Number = "JXSTWEEK", ElevatorId = elevator, Description = "本周报修", State = RepairOrderState.Closed, CreatedAtUtc = now.AddDays(-1) },
                new RepairOrder { Number = "JXSTMONTH", ElevatorId = elevator, Description = "本月报修", State = RepairOrderState.Closed, CreatedAtUtc = now.AddDays(-20) });
            return await db.SaveChangesAsync();
        });
        var page = await browser.SignedInAsync(DemoAccounts.MaintenanceManager, DemoAccounts.Password, 1366, 768);
        await page.OpenAsync("/statistics/elevators");
        await page.GetByTestId("elevator-search").FillAsync("CQ0001");
        await page.GetByTestId("elevator-search").PressAsync("Enter");
        // Count the found rows (not the loading row that stands in for them meanwhile).
        await Assertions.Expect(page.GetByTestId("elevator-number")).ToHaveTextAsync(["CQ0001"]);
        await page.ScreenshotAsync("statistics-elevators-1366");
        await OpenFoundRowAsync(page, "CQ0001", $"**/statistics/elevators/{elevator}");
        await page.WaitForInteractiveAsync();
        await Assertions.Expect(page.GetByTestId("elevator-facts")).ToContainTextAsync("CQ0001");
        await page.GetByRole(AriaRole.Tab, new() { Name = "维修记录" }).ClickAsync();
        var panel = page.GetByTestId("repair-records");
        var preset = page.GetByTestId("repairs-tab").GetByTestId("period-preset");
        await preset.ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "近 30 天" }).ClickAsync();
        await Assertions.Expect(panel.Locator("tbody tr", new() { HasText = "JXSTMONTH" })).ToHaveCountAsync(1);
        await Assertions.Expect(panel.Locator("tbody tr", new() { HasText = "JXSTWEEK" })).ToHaveCountAsync(1);
        await preset.ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "近 7 天" }).ClickAsync();
        await Assertions.Expect(panel.Locator("tbody tr", new() { HasText = "JXSTMONTH" })).ToHaveCountAsync(0);
        await Assertions.Expect(panel.Locator("tbody tr", new() { HasText = "JXSTWEEK" })).ToHaveCountAsync(1);
        var export = await page.GetByTestId("repairs-export-csv").GetAttributeAsync("href");
        Assert.Equal($"/api/v1/statistics/elevators/{elevator}/repairs/export?format=csv&preset=Last7Days", export);
        await page.ScreenshotAsync("statistics-elevator-records-1366");
        Assert.False(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth > document.documentElement.clientWidth"));

        await panel.Locator("tbody tr", new() { HasText = "JXSTWEEK" }).GetByTestId("repair-record-link").ClickAsync();
        await page.WaitForURLAsync("**/repairs/orders/*");
    }

    [Fact]
    public async Task AnotherCompanysElevatorIsNotShown()
    {
        var f = await RecordsFixture.OfAsync(browser.App);
        var page = await browser.SignedInAsync(DemoAccounts.MaintenanceManager, DemoAccounts.Password);

        await page.OpenAsync($"/statistics/elevators/{f.OtherElevator}");
        await Assertions.Expect(page.GetByTestId("elevator-not-found")).ToBeVisibleAsync();
        await page.OpenAsync($"/statistics/maintenance/{f.OtherWorker}");
        await Assertions.Expect(page.GetByTestId("worker-not-found")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task AWorkersFiguresOpenTheirVisits()
    {
        var f = await RecordsFixture.OfAsync(browser.App);
        var page = await browser.SignedInAsync(DemoAccounts.MaintenanceManager, DemoAccounts.Password, 1366, 768);
        await page.OpenAsync("/statistics/maintenance");
        await Assertions.Expect(page.GetByTestId("workers")).ToBeVisibleAsync();
        // The demo's worker finished visits in the last 30 days: the chart is drawn.
        await Assertions.Expect(page.GetByTestId("chart-work").Locator("svg").First).ToBeVisibleAsync();
        await page.ScreenshotAsync("statistics-maintenance-1366");
        await page.GetByTestId("worker-search").FillAsync("统计甲");
        await page.GetByTestId("worker-search").PressAsync("Enter");
        await Assertions.Expect(page.GetByTestId("worker-name")).ToHaveTextAsync(["统计甲"]);
        var row = page.GetByTestId("workers").Locator("tbody tr").First;
        // Nothing was done in the last 30 days; V7 and V9 are 超期 whatever the period.
        await Assertions.Expect(row.GetByTestId("worker-done")).ToHaveTextAsync("0");
        await Assertions.Expect(row.GetByTestId("worker-overdue")).ToHaveTextAsync("2");
        await row.GetByTestId("worker-open").ClickAsync();

        await page.WaitForURLAsync($"**/statistics/maintenance/{f.Worker}?preset=Last30Days");
        await page.WaitForInteractiveAsync();
        await page.GetByTestId("filter-state").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "当前超期未完成" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("visit-link")).ToHaveCountAsync(2);
        await Assertions.Expect(page.GetByTestId("visits")).ToContainTextAsync("BYSTV7");
        await Assertions.Expect(page.GetByTestId("visits")).ToContainTextAsync("BYSTV9");

        // The figures' own period, as the statistics page links it: the visits behind 完成 4, 超期完成 1 and the open V9.
        await page.OpenAsync($"/statistics/maintenance/{f.Worker}?{f.Period}");
        await Assertions.Expect(page.GetByTestId("visit-link")).ToHaveCountAsync(5);
        await Assertions.Expect(page.GetByTestId("visits").Locator("tbody tr", new() { HasText = "BYSTV2" })).ToContainTextAsync("超期完成");
        await page.ScreenshotAsync("statistics-worker-visits-1366");
        Assert.False(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth > document.documentElement.clientWidth"));
        await page.GetByTestId("visits").Locator("tbody tr", new() { HasText = "BYSTV2" }).GetByTestId("visit-link").ClickAsync();
        await page.WaitForURLAsync($"**/maintenance/orders/{f.Visits["V2"]}");
    }

    /// <summary>
    /// Clicks the found row (never the loading row that stands in while the table reloads) until the page moves on:
    /// a click that lands while MudTable swaps its rows reaches a row that is gone and opens nothing, and a person
    /// would simply click again.
    /// </summary>
    private static async Task OpenFoundRowAsync(IPage page, string number, string url)
    {
        var row = page.GetByTestId("elevators").Locator("tbody tr", new() { Has = page.GetByTestId("elevator-number").GetByText(number, new() { Exact = true }) });
        for (var attempt = 1; ; attempt++)
        {
            await row.ClickAsync();
            try
            {
                await page.WaitForURLAsync(url, new() { Timeout = 10_000 });
                return;
            }
            catch (TimeoutException) when (attempt < 3)
            {
            }
        }
    }
}
