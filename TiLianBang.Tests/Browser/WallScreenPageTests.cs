using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using TiLianBang.Core.Demo;
using TiLianBang.Core.Repairs;
using TiLianBang.Core.Statistics;
using TiLianBang.Tests.Infrastructure;

namespace TiLianBang.Tests.Browser;

/// <summary>STA-4 投屏统计 and STA-5 投屏数据 in chromium: the full-screen page, its live updates, the data page's exports.</summary>
public sealed class WallScreenPageTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string NoScrollbars = "() => [document.documentElement.scrollWidth - window.innerWidth, document.documentElement.scrollHeight - window.innerHeight]";

    [Fact]
    public async Task TheScreenFillsA1920ScreenWithoutTheAppShell()
    {
        var page = await browser.SignedInAsync(DemoAccounts.PlatformAdmin, DemoAccounts.Password, 1920, 1080);
        await page.OpenAsync("/statistics/screen");

        await Assertions.Expect(page.GetByTestId("screen-title")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("status-all")).ToHaveTextAsync(DemoSeeder.ElevatorCount.ToString(CultureInfo.InvariantCulture));
        await Assertions.Expect(page.Locator("[data-testid=screen-usage-chart] svg.apexcharts-svg")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-testid=screen-district-chart] svg.apexcharts-svg")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("drawer-toggle")).ToHaveCountAsync(0);
        await Assertions.Expect(page).ToHaveTitleAsync("投屏统计 · 梯连帮");
        var scroll = await page.EvaluateAsync<int[]>(NoScrollbars);
        Assert.Equal([0, 0], scroll);
        await page.ScreenshotAsync("statistics-screen-1920");
    }

    [Fact]
    public async Task A1366LaptopSeesTheWholeScreenScaledDown()
    {
        var page = await browser.SignedInAsync(DemoAccounts.PlatformAdmin, DemoAccounts.Password, 1366, 768);
        await page.OpenAsync("/statistics/screen");
        await Assertions.Expect(page.Locator("[data-testid=screen-age-chart] svg.apexcharts-svg")).ToBeVisibleAsync();

        var box = await page.GetByTestId("screen-stage").BoundingBoxAsync();

        // 768 / 1080 is the smaller ratio: the stage is as high as the window and a pixel narrower than it.
        Assert.InRange(box!.Width, 1364, 1366.5);
        Assert.InRange(box.Height, 767, 768.5);
        var scroll = await page.EvaluateAsync<int[]>(NoScrollbars);
        Assert.Equal([0, 0], scroll);
        await page.ScreenshotAsync("statistics-screen-1366");
    }

    [Fact]
    public async Task LiveStatusAndANewTrappedOrderAppearWithoutInteraction()
    {
        var page = await browser.SignedInAsync(DemoAccounts.PlatformAdmin, DemoAccounts.Password, 1920, 1080);
        await page.OpenAsync("/statistics/screen");
        await Assertions.Expect(page.GetByTestId("status-online")).ToHaveTextAsync("0");
        var rescuesBefore = int.Parse((await page.GetByTestId("today-rescues").TextContentAsync())!, CultureInfo.InvariantCulture);
        var collector = await DemoCollector.OfElevatorAsync(browser.App, 2);
        using var device = await MqttTestClient.ConnectAsync(browser.App.MqttPort, collector);

        await device.PublishAsync(collector.Topic("state"), """{"mode":1,"run":1,"dir":1,"floor":5,"door":2}""");
        await Assertions.Expect(page.GetByTestId("status-online")).ToHaveTextAsync("1");
        await Assertions.Expect(page.GetByTestId("status-running")).ToHaveTextAsync("1");
        await browser.App.AsSystemAsync((sp, _) => sp.GetRequiredService<RepairService>().RaiseFromFaultAsync(collector.ElevatorId, 11, true, "困人（第 5 层站）", default));

        await Assertions.Expect(page.GetByTestId("today-rescues")).ToHaveTextAsync((rescuesBefore + 1).ToString(CultureInfo.InvariantCulture));
        var newest = page.GetByTestId("timeline-entry").First;
        await Assertions.Expect(newest).ToContainTextAsync("困人（第 5 层站）");
        await Assertions.Expect(newest).ToContainTextAsync("CQ0002");
        await page.ScreenshotAsync("statistics-screen-live");
    }

    [Fact]
    public async Task TheSlowerFiguresAreReadAgainEveryMinuteOfTheServersClock()
    {
        var page = await browser.SignedInAsync(DemoAccounts.PlatformAdmin, DemoAccounts.Password, 1920, 1080);
        await page.OpenAsync("/statistics/screen");
        var total = DemoSeeder.ElevatorCount;
        await Assertions.Expect(page.GetByTestId("status-all")).ToHaveTextAsync(total.ToString(CultureInfo.InvariantCulture));
        // A new elevator is no news on any feed: only the periodic refresh brings it.
        await browser.App.AsSystemAsync(async (_, db) =>
        {
            var template = db.Elevators.OrderBy(e => e.Id).First();
            db.Elevators.Add(new Core.Elevators.Elevator { Number = "SCREEN01", Name = "投屏新梯", CommunityId = template.CommunityId, Floors = 5 });
            return await db.SaveChangesAsync();
        });

        browser.App.Clock.Advance(TimeSpan.FromMinutes(1));

        await Assertions.Expect(page.GetByTestId("status-all")).ToHaveTextAsync((total + 1).ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>Every node in the document (elements, text, comments), as chromium's DOM node counter counts them.</summary>
    private const string DocumentNodes = "() => { let n = 0; const w = document.createTreeWalker(document, NodeFilter.SHOW_ALL); while (w.nextNode()) n++; return n; }";

    [Fact]
    public async Task DaysOfRefreshesAndNewOrdersLeaveTheDocumentTheSameSize()
    {
        var page = await browser.SignedInAsync(DemoAccounts.PlatformAdmin, DemoAccounts.Password, 1920, 1080);
        await page.OpenAsync("/statistics/screen");
        await Assertions.Expect(page.Locator("[data-testid=screen-age-chart] svg.apexcharts-svg")).ToBeVisibleAsync();
        var elevatorId = await browser.App.AsSystemAsync((_, db) => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.MinAsync(db.Elevators, e => e.Id));
        var faultCode = 9000;
        async Task RaiseAsync() => await browser.App.AsSystemAsync((sp, _) =>
            sp.GetRequiredService<RepairService>().RaiseFromFaultAsync(elevatorId, faultCode++, false, "投屏节点计数", default));

        // More orders than the timeline keeps: it fills up to ScreenTimeline.MaxEntries and stops there.
        for (var i = 0; i < ScreenTimeline.MaxEntries + 5; i++)
        {
            await RaiseAsync();
        }
        await Assertions.Expect(page.GetByTestId("timeline-entry")).ToHaveCountAsync(ScreenTimeline.MaxEntries);
        await Assertions.Expect(page.GetByTestId("timeline-entry").First).ToContainTextAsync("投屏节点计数");

        // Each minute of the server's clock redraws all four charts in place; a new order replaces the oldest row.
        async Task MinuteAsync()
        {
            await RaiseAsync();
            browser.App.Clock.Advance(TimeSpan.FromMinutes(1));
            var local = TimeZoneInfo.ConvertTimeFromUtc(browser.App.Clock.GetUtcNow().UtcDateTime, browser.App.Clock.LocalTimeZone);
            await Assertions.Expect(page.GetByTestId("screen-updated")).ToContainTextAsync(local.ToString("HH:mm", CultureInfo.InvariantCulture));
        }
        await MinuteAsync();
        await MinuteAsync();
        var warm = await page.EvaluateAsync<int>(DocumentNodes);
        for (var i = 0; i < 20; i++)
        {
            await MinuteAsync();
        }
        var after = await page.EvaluateAsync<int>(DocumentNodes);

        await Assertions.Expect(page.GetByTestId("timeline-entry")).ToHaveCountAsync(ScreenTimeline.MaxEntries);
        // A leak of one element per chart and refresh would add 80 nodes here; a tooltip or marker drawn or not is a few.
        Assert.InRange(after, warm - 20, warm + 20);
    }

    [Fact]
    public async Task TheDataPageExportsWhatItsTablesShow()
    {
        var page = await browser.SignedInAsync(DemoAccounts.PlatformAdmin, DemoAccounts.Password, 1366, 768);
        await page.OpenAsync("/statistics/screen-data");
        var table = page.GetByTestId("table-usage");
        await Assertions.Expect(table.GetByTestId("installed-row")).ToHaveCountAsync(8);
        var shown = new List<string>();
        foreach (var row in await table.GetByTestId("installed-row").AllAsync())
        {
            var cells = await row.Locator("td").AllTextContentsAsync();
            shown.Add($"{cells[0].Trim()},{cells[1].Trim()}");
        }

        var href = await page.GetByTestId("export-usage-csv").GetAttributeAsync("href");
        var export = await page.Context.APIRequest.GetAsync(href!);
        var lines = (await export.TextAsync()).TrimStart('\uFEFF').Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToList();

        Assert.Equal("使用场景,电梯数", lines[0]);
        Assert.Equal(shown, lines.Skip(1));
        var elevators = await browser.App.AsSystemAsync((_, db) => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.Elevators));
        Assert.Equal(elevators, lines.Skip(1).Sum(l => int.Parse(l.Split(',')[1], CultureInfo.InvariantCulture)));
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
        Assert.Equal(0, overflow);
        await page.ScreenshotAsync("statistics-screen-data-1366");
    }
}
