using Microsoft.Playwright;
using TiLianBang.Core.Demo;
using TiLianBang.Tests.Infrastructure;

namespace TiLianBang.Tests.Browser;

/// <summary>后台主页: live figures and alarms without reload, links to the filtered lists, a card set per role.</summary>
public sealed class HomeDashboardPageTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static ILocator Figure(IPage page, string testId) => page.GetByTestId(testId).GetByTestId("figure-value");

    /// <summary>
    /// The status counts are recomputed on the app's (fake) clock: move it a second at a time until the page shows the
    /// count. The wait per step is Playwright's polling, not a sleep.
    /// </summary>
    private async Task TickUntilAsync(ILocator locator, string text)
    {
        for (var attempt = 0; ; attempt++)
        {
            browser.App.Clock.Advance(TimeSpan.FromSeconds(1));
            try
            {
                await Assertions.Expect(locator).ToHaveTextAsync(text, new() { Timeout = 1000 });
                return;
            }
            catch (PlaywrightException) when (attempt < 15)
            {
            }
        }
    }

    [Fact]
    public async Task StatusCountsAndATrappedAlarmArriveLiveAndTheAlarmCountsAgainstItsArrivalLimit()
    {
        var page = await browser.SignedInAsync(DemoAccounts.PlatformAdmin, DemoAccounts.Password);
        await page.WaitForInteractiveAsync();
        await Assertions.Expect(page.GetByTestId("page-title")).ToHaveTextAsync("后台主页");
        await Assertions.Expect(Figure(page, "dash-status-Online")).ToHaveTextAsync("0");
        await Assertions.Expect(Figure(page, "dash-status-Offline")).ToHaveTextAsync(DemoSeeder.ElevatorCount.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var collector = await DemoCollector.OfElevatorAsync(browser.App, 1);
        using var device = await MqttTestClient.ConnectAsync(browser.App.MqttPort, collector);

        var online = browser.App.WaitForAsync(collector.ElevatorId, s => s.Online && s.Floor == 5);
        await device.PublishAsync(collector.Topic("state"), """{"mode":1,"run":1,"dir":1,"floor":5,"door":2}""");
        await online;
        await TickUntilAsync(Figure(page, "dash-status-Online"), "1");
        await Assertions.Expect(Figure(page, "dash-status-Running")).ToHaveTextAsync("1");

        await device.PublishAsync(collector.Topic("event"), """{"id":"dash-1","code":11,"state":1,"floor":5}""");
        var alarm = page.GetByTestId("dash-alarm").First;
        await Assertions.Expect(alarm).ToContainTextAsync("CQ0001");
        await Assertions.Expect(alarm.GetByTestId("status-chip")).ToHaveAttributeAsync("data-status", "Trapped");
        await Assertions.Expect(alarm.GetByTestId("dash-alarm-limit")).Not.ToContainTextAsync("超时");
        await TickUntilAsync(Figure(page, "dash-status-Trapped"), "1");
        await page.ScreenshotAsync("home-dashboard-live");

        // Past the 30-minute city limit with nobody on site: the elapsed time ticks on and the limit turns red.
        browser.App.Clock.Advance(TimeSpan.FromMinutes(31));
        await Assertions.Expect(alarm.GetByTestId("dash-alarm-limit")).ToContainTextAsync("超时");
        await Assertions.Expect(alarm.GetByTestId("dash-alarm-elapsed")).ToContainTextAsync("31分");

        await page.GetByTestId("dash-status-Trapped").ClickAsync();
        await page.WaitForURLAsync("**/monitor/area?status=Trapped");
        await Assertions.Expect(page.GetByTestId("category-Trapped")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("tlb-category-on"));
        await Assertions.Expect(page.GetByTestId("elevator-tile")).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task FiguresLinkToTheirFilteredLists()
    {
        var page = await browser.SignedInAsync(DemoAccounts.MaintenanceManager, DemoAccounts.Password);
        await page.WaitForInteractiveAsync();
        await Assertions.Expect(page.GetByTestId("dash-repairs")).ToBeVisibleAsync();

        Assert.Equal("/repairs/tasks?state=Created", await page.GetByTestId("dash-repair-created").GetAttributeAsync("href"));
        Assert.Equal("/archive/elevators?expiring=inspection", await page.GetByTestId("dash-expiring-inspection").GetAttributeAsync("href"));
        Assert.Equal("/system/accounts?certificateExpired=true", await page.GetByTestId("dash-certificates-expired").GetAttributeAsync("href"));
        Assert.StartsWith("/maintenance/query?from=", await page.GetByTestId("dash-maintenance-overdue").GetAttributeAsync("href"), StringComparison.Ordinal);
        await page.ScreenshotAsync("home-dashboard-manager");

        var expiring = await Figure(page, "dash-expiring-inspection").InnerTextAsync();
        await page.GetByTestId("dash-expiring-inspection").ClickAsync();
        await page.WaitForURLAsync("**/archive/elevators?expiring=inspection");
        await Assertions.Expect(page.GetByTestId("filter-expiring")).ToBeVisibleAsync();
        if (expiring == "0")
        {
            await Assertions.Expect(page.GetByTestId("empty-state")).ToBeVisibleAsync();
        }
        else
        {
            await Assertions.Expect(page.GetByTestId("archives").Locator("tbody tr")).ToHaveCountAsync(int.Parse(expiring, System.Globalization.CultureInfo.InvariantCulture));
        }
        // The filtered list's export takes the same filter (FilteredExportApiTests checks the rows).
        Assert.Contains("expiring=inspection", await page.GetByTestId("export-xlsx").GetAttributeAsync("href"), StringComparison.Ordinal);
        await page.OpenAsync("/system/accounts?certificateExpiring=true");
        await Assertions.Expect(page.GetByTestId("filter-expiring")).ToBeVisibleAsync();
        Assert.Contains("certificateExpiring=true", await page.GetByTestId("export-csv").GetAttributeAsync("href"), StringComparison.Ordinal);

        await page.OpenAsync("/");
        var created = await Figure(page, "dash-repair-created").InnerTextAsync();
        await page.GetByTestId("dash-repair-created").ClickAsync();
        await page.WaitForURLAsync("**/repairs/tasks?state=Created");
        if (created == "0")
        {
            await Assertions.Expect(page.GetByTestId("no-orders")).ToBeVisibleAsync();
        }
        else
        {
            await Assertions.Expect(page.GetByTestId("order-state")).ToHaveCountAsync(int.Parse(created, System.Globalization.CultureInfo.InvariantCulture));
            foreach (var state in await page.GetByTestId("order-state").AllInnerTextsAsync())
            {
                Assert.Equal("待接警", state.Trim());
            }
        }
    }

    [Fact]
    public async Task WorkerSeesTheirOwnWorkAndNoOfficeCards()
    {
        var page = await browser.SignedInAsync(DemoAccounts.MaintenanceWorker, DemoAccounts.Password);
        await page.WaitForInteractiveAsync();

        await Assertions.Expect(page.GetByTestId("dash-repairs")).ToContainTextAsync("我的急修工单");
        await Assertions.Expect(page.GetByTestId("dash-maintenance")).ToContainTextAsync("我的保养");
        await Assertions.Expect(page.GetByTestId("dash-archive")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("dash-certificates")).ToHaveCountAsync(0);
        Assert.EndsWith("&mine=true", await page.GetByTestId("dash-repair-created").GetAttributeAsync("href"), StringComparison.Ordinal);
        await page.ScreenshotAsync("home-dashboard-worker");
    }

    [Theory]
    [InlineData(DemoAccounts.UserUnitManager)]
    [InlineData(DemoAccounts.Supervisor)]
    public async Task PropertyManagerAndSupervisorSeeStatusAndOrdersButNoCertificates(string userName)
    {
        var page = await browser.SignedInAsync(userName, DemoAccounts.Password);
        await page.WaitForInteractiveAsync();

        await Assertions.Expect(page.GetByTestId("dash-status")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("dash-repairs")).ToContainTextAsync("急修工单");
        await Assertions.Expect(page.GetByTestId("dash-certificates")).ToHaveCountAsync(0);
    }
}
