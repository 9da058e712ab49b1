using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using TiLianBang.Core.Auditing;
using TiLianBang.Core.Demo;
using TiLianBang.Core.Devices.Commands;
using TiLianBang.Tests.Infrastructure;

namespace TiLianBang.Tests.Browser.Mobile;

/// <summary>
/// 电梯监控, 电梯详情 and GIS 地图 of the phone app (manual §6.2.4, §6.2.5) over the real API and live socket, with
/// collectors publishing over MQTT. The worker is 渝安's: CQnnnn when nnnn is not a multiple of 3.
/// </summary>
public sealed class MonitoringPhoneTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private Task<int> IdOfAsync(int index) =>
        browser.App.AsSystemAsync((_, db) => db.Elevators.Where(e => e.Number == $"CQ{index:D4}").Select(e => e.Id).SingleAsync());

    private static ILocator Tab(PhonePage phone, string title) => phone.Page.Locator(".wd-tabs__nav-item", new() { HasText = title });

    // The car's 1.2 s move and the doors' slide end before a picture is taken.
    private static async Task SettledAsync(PhonePage phone) => await phone.Page.WaitForFunctionAsync("() => document.getAnimations().length === 0");

    [Fact]
    public async Task TheLiveCarFollowsTheDeviceWithoutReloadAndEveryTabShowsItsData()
    {
        // CQ0014 stands in 解放碑·时代大厦: 33 landings, the lowest two are B2 and B1.
        var collector = await DemoCollector.OfElevatorAsync(browser.App, 14);
        using var device = await MqttTestClient.ConnectAsync(browser.App.MqttPort, collector);
        var arrived = browser.App.WaitForAsync(collector.ElevatorId, s => s.HasState && s.Floor == 3);
        await device.PublishAsync(collector.Topic("state"), """{"mode":1,"run":0,"dir":0,"floor":3,"door":4,"people":1,"calls":{"car":[7],"up":[],"down":[]}}""");
        await arrived;
        await device.PublishAsync(collector.Topic("io"), """{"in":[1,0,1],"out":[0,1]}""");
        await device.PublishAsync(collector.Topic("stats"), """{"runs":1000,"runHours":50,"doorCycles":2000}""");
        await device.PublishAsync(collector.Topic("stats"), """{"runs":1040,"runHours":51,"doorCycles":2090}""");
        await device.PublishAsync(collector.Topic("event"), """{"id":"phone-door-1","code":2,"state":1,"floor":3}""");
        await browser.App.FlushDeviceRecordsAsync();
        var phone = await browser.SignedInPhoneAsync(DemoAccounts.MaintenanceWorker, DemoAccounts.Password);

        await phone.OpenAsync($"/monitor/detail?id={collector.ElevatorId}");

        await Assertions.Expect(phone.ByTestId("car-floor")).ToHaveTextAsync("1");
        await Assertions.Expect(phone.ByTestId("live-indicator")).ToContainTextAsync("实时");
        await Assertions.Expect(phone.ByTestId("car")).ToHaveAttributeAsync("data-door", "open");
        await Assertions.Expect(phone.ByTestId("fault-badge")).ToContainTextAsync("关门故障");
        await SettledAsync(phone);
        await phone.ScreenshotAsync("monitor-detail");

        // The device moves the car down to the car park: the page follows over the socket, no reload.
        await phone.Page.EvaluateAsync("() => window.__stayed = true");
        await device.PublishAsync(collector.Topic("state"), """{"mode":1,"run":1,"dir":2,"floor":1,"door":2,"people":0}""");
        await Assertions.Expect(phone.ByTestId("car-floor")).ToHaveTextAsync("B2");
        await Assertions.Expect(phone.ByTestId("running-badge")).ToHaveTextAsync("运行中");
        await Assertions.Expect(phone.ByTestId("car-direction")).ToHaveTextAsync("▼");
        await Assertions.Expect(phone.ByTestId("car")).ToHaveAttributeAsync("data-door", "closed");
        Assert.True(await phone.Page.EvaluateAsync<bool>("() => window.__stayed === true"));
        await SettledAsync(phone);
        await phone.ScreenshotAsync("monitor-detail-moved");

        // The tabs, each with what the server has for this elevator.
        await Assertions.Expect(phone.ByTestId("tab-info")).ToContainTextAsync("解放碑");
        await phone.ScreenshotAsync("monitor-tab-info");

        await Tab(phone, "运行统计").ClickAsync();
        await Assertions.Expect(phone.ByTestId("stats-row").First).ToContainTextAsync("40");
        await phone.ScreenshotAsync("monitor-tab-stats");
        await phone.ByTestId("grouping-Month").ClickAsync();
        await Assertions.Expect(phone.ByTestId("stats-row")).ToHaveCountAsync(12);

        await Tab(phone, "维保记录").ClickAsync();
        await Assertions.Expect(phone.ByTestId("maint-row").First).ToBeVisibleAsync();
        await phone.ScreenshotAsync("monitor-tab-maintenance");

        await Tab(phone, "故障记录").ClickAsync();
        await Assertions.Expect(phone.ByTestId("fault-row").First).ToContainTextAsync("关门故障");
        await phone.ScreenshotAsync("monitor-tab-faults");

        await Tab(phone, "内部IO").ClickAsync();
        await Assertions.Expect(phone.ByTestId("io-point")).ToHaveCountAsync(5);
        await Assertions.Expect(phone.ByTestId("io-point").First).ToContainTextAsync("运行信号");
        await phone.ScreenshotAsync("monitor-tab-io");

        await Tab(phone, "电梯参数").ClickAsync();
        await Assertions.Expect(phone.ByTestId("params-read")).ToBeVisibleAsync();
        await phone.ScreenshotAsync("monitor-tab-parameters");

        Assert.Empty(phone.ForeignRequests);
        Assert.Empty(phone.Errors);
    }

    [Fact]
    public async Task AWorkersCallReachesTheCollectorAndAPropertyAccountIsNotOfferedIt()
    {
        // CQ0011 stands in 两江·悦府, whose lowest landing is B1; the simulated controller acknowledges commands.
        var collector = await DemoCollector.OfElevatorAsync(browser.App, 11);
        await using var simulated = await browser.App.StartSimulatorAsync(collector);
        await browser.App.WaitForAsync(collector.ElevatorId, s => s.Online);
        var phone = await browser.SignedInPhoneAsync(DemoAccounts.MaintenanceWorker, DemoAccounts.Password);
        await phone.OpenAsync($"/monitor/detail?id={collector.ElevatorId}");

        await phone.ByTestId("call-kind-up").ClickAsync();
        await phone.ByTestId("call-floor-B1").ClickAsync();
        await Assertions.Expect(phone.ByTestId("call-floor-B1")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("active"));
        await phone.ByTestId("call-submit").ClickAsync();

        await Assertions.Expect(phone.ByTestId("call-result")).ToContainTextAsync("控制器已应答");
        await Assertions.Expect(phone.ByTestId("call-result")).ToContainTextAsync("B1");
        var logged = await browser.App.AsSystemAsync((_, db) => db.OperationLogs
            .Where(l => l.Action == OperationAction.DeviceCommand && l.Target == $"Elevator#{collector.ElevatorId}").Select(l => new { l.UserName, l.Summary }).ToListAsync());
        var entry = Assert.Single(logged);
        Assert.Equal(DemoAccounts.MaintenanceWorker, entry.UserName);
        Assert.StartsWith($"{DeviceOperation.Call} → {CommandStatus.Succeeded}", entry.Summary);
        await phone.ScreenshotAsync("monitor-call");

        // 物业 watches its elevators but may not call them: no 呼梯 at all, the car still shown.
        var property = await browser.SignedInPhoneAsync(DemoAccounts.UserUnitManager, DemoAccounts.Password);
        await property.OpenAsync($"/monitor/detail?id={await IdOfAsync(1)}");
        await Assertions.Expect(property.ByTestId("car-panel")).ToBeVisibleAsync();
        await Assertions.Expect(property.ByTestId("detail-number")).ToHaveTextAsync("CQ0001");
        await Assertions.Expect(property.ByTestId("remote-call")).ToHaveCountAsync(0);
        await Assertions.Expect(property.ByTestId("call-submit")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task TheTilesCountAsTheApiAndATileListsOnlyItsElevators()
    {
        var collector = await DemoCollector.OfElevatorAsync(browser.App, 4);
        using var device = await MqttTestClient.ConnectAsync(browser.App.MqttPort, collector);
        var arrived = browser.App.WaitForAsync(collector.ElevatorId, s => s.HasState);
        await device.PublishAsync(collector.Topic("state"), """{"mode":2,"run":0,"dir":0,"floor":3,"door":2}""");
        await arrived;
        using var api = await browser.App.CreateApiClientAsync(DemoAccounts.MaintenanceWorker, DemoAccounts.Password);
        var counts = await api.GetFromJsonAsync<JsonElement>("/api/v1/monitoring/status-counts");
        var phone = await browser.SignedInPhoneAsync(DemoAccounts.MaintenanceWorker, DemoAccounts.Password);

        await phone.OpenAsync("/monitor/index");

        foreach (var (tile, key) in new[] { ("All", "all"), ("Online", "online"), ("Offline", "offline"), ("Running", "running"), ("Fault", "fault"), ("Inspection", "inspection"), ("Trapped", "trapped") })
        {
            await Assertions.Expect(phone.ByTestId($"tile-{tile}").Locator("[data-testid=tile-count]"))
                .ToHaveTextAsync(counts.GetProperty(key).GetInt32().ToString(CultureInfo.InvariantCulture));
        }
        Assert.Equal(1, counts.GetProperty("inspection").GetInt32());
        await Assertions.Expect(phone.ByTestId("elevator-row").First).ToBeVisibleAsync();
        await phone.ScreenshotAsync("monitor-list");

        // The tiles follow the live socket: the car starts running, 运行 counts one more without a reload.
        var running = counts.GetProperty("running").GetInt32() + 1;
        var moving = browser.App.WaitForAsync(collector.ElevatorId, s => s.Running);
        await device.PublishAsync(collector.Topic("state"), """{"mode":1,"run":1,"dir":1,"floor":4,"door":2}""");
        await moving;
        var shown = Assertions.Expect(phone.ByTestId("tile-Running").Locator("[data-testid=tile-count]")).ToHaveTextAsync(running.ToString(CultureInfo.InvariantCulture));
        // Counts are coalesced per second of the app's (fake) clock: it moves on until the frame arrives.
        for (var step = 0; step < 100 && !shown.IsCompleted; step++)
        {
            browser.App.Clock.Advance(TimeSpan.FromSeconds(1));
            await Task.WhenAny(shown, Task.Delay(100));
        }
        await shown;
        var settled = browser.App.WaitForAsync(collector.ElevatorId, s => !s.Running);
        await device.PublishAsync(collector.Topic("state"), """{"mode":2,"run":0,"dir":0,"floor":3,"door":2}""");
        await settled;

        await phone.ByTestId("tile-Inspection").ClickAsync();
        await Assertions.Expect(phone.ByTestId("elevator-row")).ToHaveCountAsync(1);
        await Assertions.Expect(phone.ByTestId("elevator-row")).ToContainTextAsync("CQ0004");
        await Assertions.Expect(phone.ByTestId("elevator-row")).ToContainTextAsync("检修");

        await phone.ByTestId("tile-Trapped").ClickAsync();
        await Assertions.Expect(phone.ByTestId("list-empty")).ToBeVisibleAsync();
        await Assertions.Expect(phone.ByTestId("elevator-row")).ToHaveCountAsync(0);

        // The home page (or a message) can open the list filtered: ?status=Inspection.
        // (A fresh document: a hash change to the page already shown would keep that page's instance.)
        await phone.Page.GotoAsync("about:blank");
        await phone.OpenAsync("/monitor/index?status=Inspection");
        await Assertions.Expect(phone.ByTestId("tile-Inspection")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("active"));
        await Assertions.Expect(phone.ByTestId("elevator-row")).ToHaveCountAsync(1);

        // Tapping a row opens its live detail.
        await phone.ByTestId("elevator-row").ClickAsync();
        await Assertions.Expect(phone.ByTestId("car-floor")).ToHaveTextAsync("3");
    }

    [Fact]
    public async Task NearMeListsNearestFirstAndWithoutLocationTheListIsPlainAndSaysSo()
    {
        var place = await browser.App.AsSystemAsync((_, db) => db.Elevators.Where(e => e.Number == "CQ0010")
            .Select(e => new { e.Community!.Latitude, e.Community.Longitude }).SingleAsync());
        var here = new Geolocation { Latitude = (float)(place.Latitude + 0.002), Longitude = (float)place.Longitude };
        using var api = await browser.App.CreateApiClientAsync(DemoAccounts.MaintenanceWorker, DemoAccounts.Password);
        var near = await api.GetFromJsonAsync<JsonElement>(string.Create(CultureInfo.InvariantCulture,
            $"/api/v1/monitoring/elevators?latitude={here.Latitude}&longitude={here.Longitude}&radius=50000&pageSize=20"));
        var expected = near.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("number").GetString()!).ToList();
        var distances = near.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("distanceMeters").GetDouble()).ToList();
        Assert.Equal(distances.Order(), distances);
        Assert.True(expected.Count > 3);
        var phone = await browser.SignedInPhoneAsync(DemoAccounts.MaintenanceWorker, DemoAccounts.Password, here);

        await phone.OpenAsync("/monitor/index");

        await Assertions.Expect(phone.ByTestId("elevator-row")).ToHaveCountAsync(expected.Count);
        var shown = await phone.ByTestId("elevator-row").Locator(".number").AllTextContentsAsync();
        Assert.Equal(expected, shown.Select(s => s.Trim()));
        Assert.NotEqual(expected.Order(StringComparer.Ordinal), expected);
        await Assertions.Expect(phone.ByTestId("row-distance").First).ToContainTextAsync("米");
        await phone.ScreenshotAsync("monitor-near");

        // 按小区: pick a community by name, then only its elevators.
        await phone.ByTestId("mode-community").ClickAsync();
        await phone.ByTestId("community-option").First.ClickAsync();
        var chosen = (await phone.ByTestId("chosen-community").Locator(".chosen-name").TextContentAsync())!.Trim();
        await Assertions.Expect(phone.ByTestId("elevator-row").First).ToBeVisibleAsync();
        foreach (var row in await phone.ByTestId("elevator-row").AllAsync())
        {
            await Assertions.Expect(row).ToContainTextAsync(chosen);
        }
        await phone.ScreenshotAsync("monitor-community");

        // Location refused: said plainly, and the list falls back to every elevator by number.
        var blind = await browser.SignedInPhoneAsync(DemoAccounts.MaintenanceWorker, DemoAccounts.Password);
        await blind.Page.Context.ClearPermissionsAsync();
        await blind.OpenAsync("/monitor/index");
        await Assertions.Expect(blind.ByTestId("location-off")).ToContainTextAsync("按编号");
        await Assertions.Expect(blind.ByTestId("elevator-row").First.Locator(".number")).ToHaveTextAsync("CQ0001");
        await Assertions.Expect(blind.ByTestId("row-distance")).ToHaveCountAsync(0);
        await blind.ScreenshotAsync("monitor-location-off");
    }

    [Fact]
    public async Task AnotherCompanysElevatorIsNotFoundAndNothingOfItShows()
    {
        // CQ0003 is 两江's.
        var foreign = await browser.App.AsSystemAsync((_, db) => db.Elevators.Where(e => e.Number == "CQ0003")
            .Select(e => new { e.Id, e.Name, Community = e.Community!.Name }).SingleAsync());
        var phone = await browser.SignedInPhoneAsync(DemoAccounts.MaintenanceWorker, DemoAccounts.Password);

        await phone.OpenAsync($"/monitor/detail?id={foreign.Id}");

        await Assertions.Expect(phone.ByTestId("monitor-not-found")).ToBeVisibleAsync();
        await Assertions.Expect(phone.ByTestId("car-panel")).ToHaveCountAsync(0);
        await Assertions.Expect(phone.ByTestId("remote-call")).ToHaveCountAsync(0);
        var text = await phone.Page.Locator("uni-page-body").InnerTextAsync();
        Assert.DoesNotContain("CQ0003", text, StringComparison.Ordinal);
        Assert.DoesNotContain(foreign.Community, text, StringComparison.Ordinal);
        await phone.ScreenshotAsync("monitor-not-found");
    }

    [Fact]
    public async Task ReadingParametersOfAnOfflineElevatorSaysTheCollectorIsOffline()
    {
        var id = await IdOfAsync(19);
        var phone = await browser.SignedInPhoneAsync(DemoAccounts.MaintenanceWorker, DemoAccounts.Password);
        await phone.OpenAsync($"/monitor/detail?id={id}");
        await Assertions.Expect(phone.ByTestId("car-panel")).ToContainTextAsync("离线");
        await Assertions.Expect(phone.ByTestId("no-state")).ToBeVisibleAsync();

        await Tab(phone, "电梯参数").ClickAsync();
        await phone.ByTestId("params-read").ClickAsync();

        await Assertions.Expect(phone.ByTestId("params-error")).ToContainTextAsync("采集器离线，指令未发送");
        await phone.ScreenshotAsync("monitor-params-offline");
    }

    [Fact]
    public async Task TheMapListsCommunitiesNearestFirstAndOpensTheirElevators()
    {
        using var api = await browser.App.CreateApiClientAsync(DemoAccounts.MaintenanceWorker, DemoAccounts.Password);
        var here = PhoneSession.Chongqing;
        var near = await api.GetFromJsonAsync<JsonElement>(string.Create(CultureInfo.InvariantCulture,
            $"/api/v1/gis/communities?latitude={here.Latitude}&longitude={here.Longitude}&radius=50000&pageSize=20"));
        var expected = near.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("name").GetString()!).ToList();
        var phone = await browser.SignedInPhoneAsync(DemoAccounts.MaintenanceWorker, DemoAccounts.Password);

        await phone.OpenAsync("/monitor/gis");

        await Assertions.Expect(phone.ByTestId("gis-community")).ToHaveCountAsync(expected.Count);
        var shown = await phone.ByTestId("gis-community").Locator(".community-name").AllTextContentsAsync();
        Assert.Equal(expected, shown.Select(s => s.Trim()));
        await Assertions.Expect(phone.ByTestId("gis-note")).ToContainTextAsync("未配置地图服务");
        await Assertions.Expect(phone.ByTestId("gis-distance").First).ToBeVisibleAsync();
        await phone.ScreenshotAsync("monitor-gis");

        await phone.ByTestId("gis-search").ClickAsync();
        await phone.Input("gis-search").FillAsync(expected[^1]);
        await Assertions.Expect(phone.Input("gis-search")).ToHaveValueAsync(expected[^1]);
        await phone.Input("gis-search").PressAsync("Enter");
        await Assertions.Expect(phone.ByTestId("gis-total")).Not.ToContainTextAsync(expected.Count.ToString(CultureInfo.InvariantCulture));
        await Assertions.Expect(phone.ByTestId("gis-community").First.Locator(".community-name")).ToHaveTextAsync(expected[^1]);

        await phone.ByTestId("gis-community").First.ClickAsync();
        await Assertions.Expect(phone.ByTestId("chosen-community")).ToContainTextAsync(expected[^1]);
        await Assertions.Expect(phone.ByTestId("elevator-row").First).ToContainTextAsync(expected[^1]);

        // Location off: said, and the name search still answers.
        var blind = await browser.SignedInPhoneAsync(DemoAccounts.MaintenanceWorker, DemoAccounts.Password);
        await blind.Page.Context.ClearPermissionsAsync();
        await blind.OpenAsync("/monitor/gis");
        await Assertions.Expect(blind.ByTestId("gis-location-off")).ToContainTextAsync("按名称搜索");
        await Assertions.Expect(blind.ByTestId("gis-community").First).ToBeVisibleAsync();
        await Assertions.Expect(blind.ByTestId("gis-distance")).ToHaveCountAsync(0);
    }
}
