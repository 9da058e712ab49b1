using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using TiLianBang.Core.Demo;
using TiLianBang.Tests.Infrastructure;

namespace TiLianBang.Tests.Browser;

/// <summary>The app with a tile server configured that the browser cannot reach (every tile request is aborted).</summary>
public sealed class BlockedTilesBrowserFixture : IAsyncLifetime
{
    public const string TileHost = "http://tiles.tlb.test";

    public BrowserFixture Browser { get; } = new();

    public async Task InitializeAsync()
    {
        Browser.App.Settings["Maps:TileUrl"] = TileHost + "/{z}/{x}/{y}.png";
        await Browser.InitializeAsync();
    }

    public Task DisposeAsync() => Browser.DisposeAsync();
}

/// <summary>
/// 地图监控 in chromium: the 8 demo communities on the map with tiles blocked (an offline LAN), a 困人 turning its
/// marker red without reload, a marker opening its elevators.
/// </summary>
public sealed class MapMonitoringPageTests(BlockedTilesBrowserFixture fixture) : IClassFixture<BlockedTilesBrowserFixture>
{
    private BrowserFixture Browser => fixture.Browser;

    private async Task<IPage> OpenAsync(string userName, int width = 1440, int height = 900)
    {
        var page = await Browser.SignedInAsync(userName, DemoAccounts.Password, width, height);
        await page.RouteAsync(BlockedTilesBrowserFixture.TileHost + "/**", route => route.AbortAsync());
        await page.OpenAsync("/monitor/map");
        await Assertions.Expect(page.GetByTestId("map")).ToHaveAttributeAsync("data-ready", "true");
        return page;
    }

    [Fact]
    public async Task TheDemoCommunitiesShowOnABlankMapWhenNoTileLoads()
    {
        var page = await OpenAsync(DemoAccounts.PlatformAdmin);

        await Assertions.Expect(page.GetByTestId("tile-notice")).ToHaveTextAsync("地图底图无法加载，标记与列表仍可使用");
        await Assertions.Expect(page.GetByTestId("map")).ToHaveAttributeAsync("data-places", "8");
        // No collector has spoken: every community is offline; markers and clusters together carry all 60 elevators.
        await Assertions.Expect(page.GetByTestId("map-filter-All").GetByTestId("filter-count")).ToHaveTextAsync("8");
        await Assertions.Expect(page.GetByTestId("map-filter-Offline").GetByTestId("filter-count")).ToHaveTextAsync("8");
        var shown = await page.EvaluateAsync<int>(
            "() => [...document.querySelectorAll('.tlb-map .tlb-map-marker span, .tlb-map .tlb-map-cluster span')].reduce((n, s) => n + Number(s.textContent), 0)");
        Assert.Equal(DemoSeeder.ElevatorCount, shown);
        Assert.Equal(0, await page.Locator(".tlb-map .tlb-map-status-normal, .tlb-map .tlb-map-status-trapped").CountAsync());
        await Assertions.Expect(page.GetByTestId("attention-place")).ToHaveCountAsync(8);
        await page.ScreenshotAsync("map-monitoring-blank");
    }

    [Fact]
    public async Task ATrappedPassengerTurnsItsMarkerRedLiveAndTheMarkerListsItsElevators()
    {
        var page = await OpenAsync(DemoAccounts.PlatformAdmin);
        var jinkai = await Browser.App.AsSystemAsync((_, db) => db.Communities.Where(c => c.Name == "金开·锦绣华庭").Select(c => c.Id).SingleAsync());
        await Assertions.Expect(page.Locator(".tlb-map .tlb-map-status-trapped")).ToHaveCountAsync(0);

        var collector = await DemoCollector.OfElevatorAsync(Browser.App, 1);
        using var device = await MqttTestClient.ConnectAsync(Browser.App.MqttPort, collector);
        await device.PublishAsync(collector.Topic("state"), """{"mode":1,"run":0,"dir":0,"floor":3,"door":1}""");
        await device.PublishAsync(collector.Topic("event"), """{"id":"e-map-1","code":11,"state":1,"floor":3}""");

        // Red on the map (its marker, or the cluster holding it) and counted, without reload.
        await Assertions.Expect(page.Locator(".tlb-map .tlb-map-status-trapped").First).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("map-filter-Trapped").GetByTestId("filter-count")).ToHaveTextAsync("1");
        await Assertions.Expect(page.GetByTestId("attention-place").First).ToHaveAttributeAsync("data-place", jinkai.ToString(System.Globalization.CultureInfo.InvariantCulture));

        // Found by name, the map zooms to its own marker; a click on the marker lists its 8 cars, the trapped one first.
        await page.GetByPlaceholder("搜索小区").FillAsync("金开");
        await page.GetByTestId("search-place").First.ClickAsync();
        var marker = page.Locator($".tlb-map [data-place='{jinkai}']");
        await Assertions.Expect(marker).ToHaveAttributeAsync("data-status", "trapped");
        await page.GetByTestId("place-close").ClickAsync();
        await Assertions.Expect(page.GetByTestId("map-place")).ToHaveCountAsync(0);
        await marker.ClickAsync();

        var cars = page.GetByTestId("place-elevator");
        await Assertions.Expect(cars).ToHaveCountAsync(8);
        await Assertions.Expect(cars.First).ToHaveAttributeAsync("data-elevator", "CQ0001");
        await Assertions.Expect(cars.First).ToHaveAttributeAsync("data-status", "Trapped");
        await Assertions.Expect(page.GetByTestId("place-status")).ToHaveAttributeAsync("data-status", "Trapped");
        await page.ScreenshotAsync("map-monitoring-trapped");

        // The filter keeps only the red place on the map.
        await page.GetByTestId("map-filter-Trapped").ClickAsync();
        await Assertions.Expect(page.GetByTestId("map")).ToHaveAttributeAsync("data-places", "8");
        await Assertions.Expect(page.Locator(".tlb-map .tlb-map-marker")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator(".tlb-map .tlb-map-cluster")).ToHaveCountAsync(0);

        await cars.First.ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/monitor/elevators/\\d+$"));

        // The passengers are freed, so that the other tests of this app see the demo as it was.
        var freed = Browser.App.WaitForAsync(collector.ElevatorId, s => !s.PassengersTrapped);
        await device.PublishAsync(collector.Topic("event"), """{"id":"e-map-2","code":11,"state":0,"floor":3}""");
        await freed;
    }

    [Fact]
    public async Task APropertyCompanySeesOnlyItsOwnCommunities()
    {
        var page = await OpenAsync(DemoAccounts.UserUnitManager);

        await Assertions.Expect(page.GetByTestId("map")).ToHaveAttributeAsync("data-places", "4");
        await Assertions.Expect(page.GetByTestId("map-filter-All").GetByTestId("filter-count")).ToHaveTextAsync("4");
        await page.GetByPlaceholder("搜索小区").FillAsync("观音桥");
        await Assertions.Expect(page.GetByTestId("search-place")).ToHaveCountAsync(0);
    }
}
