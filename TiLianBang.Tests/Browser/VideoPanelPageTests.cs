using Microsoft.Playwright;
using TiLianBang.Core.Demo;
using TiLianBang.Tests.Infrastructure;

namespace TiLianBang.Tests.Browser;

/// <summary>The 5G 视频救援 panel on the elevator detail plays the demo cameras' simulated picture out of the box.</summary>
public sealed class VideoPanelPageTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task TheDemoCamerasShowAFrameAndOneCanBeEnlargedAndSwitched()
    {
        var collector = await DemoCollector.OfElevatorAsync(browser.App, 13);
        using var device = await MqttTestClient.ConnectAsync(browser.App.MqttPort, collector);
        await device.PublishAsync(collector.Topic("state"), """{"mode":1,"run":0,"dir":0,"floor":5,"door":4,"people":1,"load":30}""");
        var page = await browser.SignedInAsync(DemoAccounts.MaintenanceWorker, DemoAccounts.Password);
        await page.OpenAsync($"/monitor/elevators/{collector.ElevatorId}");

        var panel = page.GetByTestId("camera-panel");
        await Assertions.Expect(panel).ToContainTextAsync("5G 视频救援");
        foreach (var position in new[] { 1, 2, 3, 4 })
        {
            await Assertions.Expect(panel.GetByTestId($"camera-{position}")).ToHaveAttributeAsync("data-state", "playing");
        }
        var car = panel.GetByTestId("camera-1");
        await Assertions.Expect(car.GetByTestId("camera-simulated")).ToHaveTextAsync("模拟画面");
        Assert.True(await car.Locator("img").EvaluateAsync<int>("img => img.naturalWidth") > 0);
        Assert.True(int.Parse(await car.Locator(".tlb-camera-player").GetAttributeAsync("data-frames") ?? "0", System.Globalization.CultureInfo.InvariantCulture) >= 1);
        await page.ScreenshotAsync("video-panel-grid");

        await car.GetByTestId("camera-size").ClickAsync();
        await Assertions.Expect(panel).ToHaveAttributeAsync("data-layout", "large");
        await Assertions.Expect(panel.Locator(".tlb-camera")).ToHaveCountAsync(1);
        await Assertions.Expect(panel.GetByTestId("camera-1")).ToHaveAttributeAsync("data-state", "playing");
        await page.ScreenshotAsync("video-panel-large");

        await panel.GetByTestId("camera-switch-3").ClickAsync();
        await Assertions.Expect(panel.GetByTestId("camera-3")).ToHaveAttributeAsync("data-state", "playing");
        await Assertions.Expect(panel.GetByTestId("camera-1")).ToHaveCountAsync(0);

        await panel.GetByTestId("camera-grid").ClickAsync();
        await Assertions.Expect(panel).ToHaveAttributeAsync("data-layout", "grid");
        await Assertions.Expect(panel.Locator(".tlb-camera")).ToHaveCountAsync(4);
    }

    [Theory]
    [InlineData(1366, 768)]
    [InlineData(1920, 1080)]
    public async Task TheDetailWithThePanelFitsTheScreen(int width, int height)
    {
        var collector = await DemoCollector.OfElevatorAsync(browser.App, 7);
        var page = await browser.SignedInAsync(DemoAccounts.PlatformAdmin, DemoAccounts.Password, width, height);
        await page.OpenAsync($"/monitor/elevators/{collector.ElevatorId}");

        await Assertions.Expect(page.GetByTestId("camera-4")).ToHaveAttributeAsync("data-state", "playing");

        Assert.True(await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth") <= 0);
        await page.ScreenshotAsync($"video-panel-{width}");
    }
}
