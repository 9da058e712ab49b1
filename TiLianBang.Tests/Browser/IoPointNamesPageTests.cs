using Microsoft.Playwright;
using TiLianBang.Core.Demo;
using TiLianBang.Tests.Infrastructure;

namespace TiLianBang.Tests.Browser;

public sealed class IoPointNamesPageTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task ANameEditedInlineIsSavedOnBlurAndShownOnTheElevatorsIoTab()
    {
        var page = await browser.SignedInAsync(DemoAccounts.PlatformAdmin, DemoAccounts.Password);
        await page.OpenAsync("/system/io");

        var field = page.GetByTestId("io-name-X3");
        await field.FillAsync("急停信号");
        await field.BlurAsync();
        await Assertions.Expect(page.GetByText("X3 已保存")).ToBeVisibleAsync();
        await page.ScreenshotAsync("io-names");

        var collector = await DemoCollector.OfElevatorAsync(browser.App, 4);
        using var device = await MqttTestClient.ConnectAsync(browser.App.MqttPort, collector);
        await device.PublishAsync(collector.Topic("io"), """{"in":[1,0,0,1],"out":[0,1]}""");
        await page.OpenAsync($"/monitor/elevators/{collector.ElevatorId}");
        await page.GetByRole(AriaRole.Tab, new() { Name = "内部IO" }).ClickAsync();

        await Assertions.Expect(page.GetByTestId("io-X3")).ToContainTextAsync("急停信号");
        await Assertions.Expect(page.GetByTestId("io-X3")).ToContainTextAsync("ON");
        await Assertions.Expect(page.GetByTestId("io-Y0")).ToContainTextAsync("上行输出 OFF");
        await page.ScreenshotAsync("elevator-io");
    }
}
