using Microsoft.Playwright;
using TiLianBang.Core.Demo;
using TiLianBang.Tests.Infrastructure;

namespace TiLianBang.Tests.Browser;

public sealed class AreaMonitoringPageTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task TilesShowEveryVisibleElevatorAndFollowTheDeviceWithoutReload()
    {
        var page = await browser.SignedInAsync(DemoAccounts.PlatformAdmin, DemoAccounts.Password);
        await page.OpenAsync("/monitor/area");
        var tiles = page.GetByTestId("elevator-tile");
        await Assertions.Expect(tiles).ToHaveCountAsync(DemoSeeder.ElevatorCount);
        await Assertions.Expect(page.GetByTestId("category-All").GetByTestId("category-count")).ToHaveTextAsync(DemoSeeder.ElevatorCount.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var collector = await DemoCollector.OfElevatorAsync(browser.App, 1);
        using var device = await MqttTestClient.ConnectAsync(browser.App.MqttPort, collector);
        var tile = page.Locator("[data-elevator='CQ0001']");

        await device.PublishAsync(collector.Topic("state"), """{"mode":1,"run":1,"dir":1,"floor":5,"door":2}""");
        await Assertions.Expect(tile.GetByTestId("tile-floor")).ToHaveTextAsync("5");
        await Assertions.Expect(tile.GetByTestId("tile-online")).ToBeVisibleAsync();
        await Assertions.Expect(tile.GetByTestId("tile-direction")).ToHaveAttributeAsync("data-direction", "Up");
        await device.PublishAsync(collector.Topic("state"), """{"mode":1,"run":0,"dir":0,"floor":9,"door":4}""");
        await Assertions.Expect(tile.GetByTestId("tile-floor")).ToHaveTextAsync("9");
        await Assertions.Expect(tile.GetByTestId("tile-door")).ToHaveTextAsync("门开");
        await device.PublishAsync(collector.Topic("event"), """{"id":"e-tile-1","code":11,"state":1,"floor":9}""");
        await Assertions.Expect(tile.GetByTestId("tile-trapped")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("category-Online").GetByTestId("category-count")).ToHaveTextAsync("1");
        await page.ScreenshotAsync("area-monitoring-live");

        await page.GetByTestId("category-Trapped").ClickAsync();
        await Assertions.Expect(tiles).ToHaveCountAsync(1);
        await Assertions.Expect(tiles.First).ToHaveAttributeAsync("data-elevator", "CQ0001");
    }

    [Fact]
    public async Task SearchByNumberNarrowsTheTiles()
    {
        var page = await browser.SignedInAsync(DemoAccounts.UserUnitManager, DemoAccounts.Password);
        await page.OpenAsync("/monitor/area");
        await Assertions.Expect(page.GetByTestId("elevator-tile").First).ToBeVisibleAsync();

        await page.GetByTestId("tile-search").FillAsync("CQ0003");

        await Assertions.Expect(page.GetByTestId("elevator-tile")).ToHaveCountAsync(1);
        await Assertions.Expect(page.GetByTestId("elevator-tile")).ToHaveAttributeAsync("data-elevator", "CQ0003");
    }
}
