using Microsoft.Playwright;
using TiLianBang.Core.Demo;

namespace TiLianBang.Tests.Browser;

public sealed class FaultCodesPageTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task AnAdministratorFindsAddsAndIsToldWhatIsNotAllowed()
    {
        var page = await browser.SignedInAsync(DemoAccounts.PlatformAdmin, DemoAccounts.Password);
        await page.OpenAsync("/system/fault-codes");
        var rows = page.GetByTestId("faultcodes").Locator("tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(22);

        await page.GetByTestId("faultcode-search").FillAsync("困人");
        await Assertions.Expect(rows).ToHaveCountAsync(1);

        await page.GetByTestId("faultcode-code").FillAsync("77");
        await page.GetByTestId("faultcode-name").FillAsync("自定义");
        await page.GetByTestId("faultcode-save").ClickAsync();
        await Assertions.Expect(page.GetByText("1–99 为协议保留代码")).ToBeVisibleAsync();

        await page.GetByTestId("faultcode-code").FillAsync("150");
        // The field commits its value on change: let it, so the save cannot race it on a busy machine.
        await page.GetByTestId("faultcode-code").PressAsync("Tab");
        await page.GetByTestId("faultcode-save").ClickAsync();
        await Assertions.Expect(page.GetByText("1–99 为协议保留代码")).Not.ToBeVisibleAsync();
        await page.GetByTestId("faultcode-search").FillAsync("自定义");
        await Assertions.Expect(rows).ToHaveCountAsync(1);
        await Assertions.Expect(rows.First).ToContainTextAsync("150");
        await page.ScreenshotAsync("fault-codes");
    }
}
