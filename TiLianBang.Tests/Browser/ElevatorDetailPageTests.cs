using Microsoft.Playwright;
using MQTTnet;
using MQTTnet.Protocol;
using TiLianBang.Core.Demo;
using TiLianBang.Tests.Infrastructure;
using TiLianBang.Web.Simulation;

namespace TiLianBang.Tests.Browser;

public sealed class ElevatorDetailPageTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task TheShaftFollowsTheCarAndTheStatusShowsItsValues()
    {
        var collector = await DemoCollector.OfElevatorAsync(browser.App, 6);
        using var device = await MqttTestClient.ConnectAsync(browser.App.MqttPort, collector);
        var page = await browser.SignedInAsync(DemoAccounts.PlatformAdmin, DemoAccounts.Password);
        await page.OpenAsync($"/monitor/elevators/{collector.ElevatorId}");

        await device.PublishAsync(collector.Topic("state"), """{"mode":1,"run":1,"dir":1,"floor":1,"door":2,"people":1}""");
        await Assertions.Expect(page.GetByTestId("shaft-floor")).ToHaveTextAsync("B2");
        await device.PublishAsync(collector.Topic("state"), """{"mode":2,"run":0,"dir":0,"floor":5,"door":4,"people":1,"calls":{"car":[7],"up":[],"down":[]}}""");

        await Assertions.Expect(page.GetByTestId("shaft-floor")).ToHaveTextAsync("3");
        await Assertions.Expect(page.GetByTestId("shaft-car")).ToHaveAttributeAsync("data-door", "open");
        await Assertions.Expect(page.GetByTestId("shaft-passenger")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("status-mode")).ToHaveTextAsync("检修");
        await Assertions.Expect(page.GetByTestId("calls")).ToContainTextAsync("5");
        // Let the car's 1.2 s move finish before the picture.
        await page.WaitForFunctionAsync("() => document.getAnimations().length === 0");
        await page.ScreenshotAsync("elevator-detail");
    }

    [Fact]
    public async Task CollectorTabShowsTheCountsAndWhyABadMessageWasRefused()
    {
        var collector = await DemoCollector.OfElevatorAsync(browser.App, 9);
        using var device = await MqttTestClient.ConnectAsync(browser.App.MqttPort, collector);
        await device.PublishAsync(collector.Topic("state"), """{"mode":1,"run":0,"dir":0,"floor":3,"door":4}""");
        var refused = await device.PublishAsync(collector.Topic("state"), """{"mode":1,"run":0,"dir":0,"floor":300,"door":4}""");
        Assert.Equal(MqttClientPublishReasonCode.PayloadFormatInvalid, refused.ReasonCode);
        var page = await browser.SignedInAsync(DemoAccounts.PlatformAdmin, DemoAccounts.Password);
        await page.OpenAsync($"/monitor/elevators/{collector.ElevatorId}");

        await page.GetByRole(AriaRole.Tab, new() { Name = "采集器调试" }).ClickAsync();

        var panel = page.GetByTestId("collector-panel");
        await Assertions.Expect(panel).ToContainTextAsync(collector.DeviceId);
        await Assertions.Expect(panel.GetByTestId("collector-rejected")).ToHaveTextAsync("1");
        await Assertions.Expect(panel.GetByTestId("collector-rejection").First).ToContainTextAsync("'floor' must be between 1 and 255, got 300");
        await page.ScreenshotAsync("elevator-collector");
    }

    [Fact]
    public async Task CollectorTabIsNotOfferedWithoutTheDebugPermission()
    {
        // CQ0011 is a 西南 elevator: its manufacturer sees it, without the debug permission.
        var collector = await DemoCollector.OfElevatorAsync(browser.App, 11);
        var page = await browser.SignedInAsync(DemoAccounts.ManufacturerManager, DemoAccounts.Password);
        await page.OpenAsync($"/monitor/elevators/{collector.ElevatorId}");

        await Assertions.Expect(page.GetByRole(AriaRole.Tab, new() { Name = "电梯信息" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Tab, new() { Name = "采集器调试" })).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task ReadParametersShowsTheDecodedValues()
    {
        var collector = await DemoCollector.OfElevatorAsync(browser.App, 7);
        await using var simulated = await browser.App.StartSimulatorAsync(collector);
        var page = await browser.SignedInAsync(DemoAccounts.MaintenanceManager, DemoAccounts.Password);
        await page.OpenAsync($"/monitor/elevators/{collector.ElevatorId}");

        await page.GetByRole(AriaRole.Tab, new() { Name = "电梯参数" }).ClickAsync();
        await page.GetByTestId("read-params").ClickAsync();

        var table = page.GetByTestId("params-table");
        await Assertions.Expect(table).ToContainTextAsync("电梯额定速度");
        await Assertions.Expect(table.Locator("tr", new() { HasTextString = "F6-00" })).ToContainTextAsync("18");
        await page.ScreenshotAsync("elevator-parameters");
    }

    [Fact]
    public async Task RemoteCallIsAcknowledgedByTheDevice()
    {
        var collector = await DemoCollector.OfElevatorAsync(browser.App, 8);
        await using var simulated = await browser.App.StartSimulatorAsync(collector);
        var page = await browser.SignedInAsync(DemoAccounts.MaintenanceWorker, DemoAccounts.Password);
        await page.OpenAsync($"/monitor/elevators/{collector.ElevatorId}");

        await page.GetByTestId("call-submit").ClickAsync();

        await Assertions.Expect(page.GetByTestId("call-status")).ToContainTextAsync("已应答");
    }

    [Fact]
    public async Task RemoteCallToAStoppedDeviceTimesOutWithAClearMessage()
    {
        var collector = await DemoCollector.OfElevatorAsync(browser.App, 10);
        using var silent = await MqttTestClient.ConnectAsync(browser.App.MqttPort, collector);
        var received = await silent.ListenSilentlyAsync(collector);
        var page = await browser.SignedInAsync(DemoAccounts.PlatformAdmin, DemoAccounts.Password);
        await page.OpenAsync($"/monitor/elevators/{collector.ElevatorId}");

        await page.GetByTestId("call-submit").ClickAsync();
        await Assertions.Expect(page.GetByTestId("call-status")).ToContainTextAsync("等待应答");
        await received;
        browser.App.Clock.Advance(TimeSpan.FromSeconds(10));

        await Assertions.Expect(page.GetByTestId("call-status")).ToContainTextAsync("超时");
        await page.ScreenshotAsync("remote-call-timeout");
    }

    [Fact]
    public async Task ARoleWithoutThePermissionDoesNotSeeRemoteCall()
    {
        var collector = await DemoCollector.OfElevatorAsync(browser.App, 1);
        var page = await browser.SignedInAsync(DemoAccounts.UserUnitManager, DemoAccounts.Password);

        await page.OpenAsync($"/monitor/elevators/{collector.ElevatorId}");

        await Assertions.Expect(page.GetByTestId("calls")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("remote-call")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task AnotherCompanysElevatorIsNotShown()
    {
        var other = await DemoCollector.OfElevatorAsync(browser.App, 2);
        var page = await browser.SignedInAsync(DemoAccounts.UserUnitManager, DemoAccounts.Password);

        await page.OpenAsync($"/monitor/elevators/{other.ElevatorId}");

        await Assertions.Expect(page.GetByTestId("elevator-not-found")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task RunningStatisticsAreDrawnAsChartsThatCanBeSaved()
    {
        var collector = await DemoCollector.OfElevatorAsync(browser.App, 9);
        using (var device = await MqttTestClient.ConnectAsync(browser.App.MqttPort, collector))
        {
            await device.PublishAsync(collector.Topic("stats"), """{"runs":1000,"runHours":50,"doorCycles":2000}""");
            await device.PublishAsync(collector.Topic("stats"), """{"runs":1040,"runHours":51,"doorCycles":2090}""");
        }
        await browser.App.FlushDeviceRecordsAsync();
        var page = await browser.SignedInAsync(DemoAccounts.PlatformAdmin, DemoAccounts.Password);
        await page.OpenAsync($"/monitor/elevators/{collector.ElevatorId}");

        await page.GetByRole(AriaRole.Tab, new() { Name = "运行统计" }).ClickAsync();

        var runs = page.GetByTestId("chart-runs");
        await Assertions.Expect(runs.Locator(".apexcharts-canvas")).ToBeVisibleAsync();
        await Assertions.Expect(runs.Locator(".apexcharts-bar-area").Last).ToHaveAttributeAsync("val", "40");
        await Assertions.Expect(runs.Locator(".apexcharts-menu-icon")).ToHaveCountAsync(1);
        await page.ScreenshotAsync("running-statistics");
    }
}
