using Microsoft.Playwright;
using TiLianBang.Core.Demo;

namespace TiLianBang.Tests.Browser;

public sealed class MaintenanceItemsPageTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task TheRegulationsItemsAreListedAndACompanyAddsItsOwn()
    {
        var page = await browser.SignedInAsync(DemoAccounts.MaintenanceManager, DemoAccounts.Password);
        await page.OpenAsync("/maintenance/items");
        var rows = page.GetByTestId("maintenance-items").Locator("tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(76);

        await page.GetByTestId("items-search").FillAsync("限速器");
        await Assertions.Expect(rows.First).ToContainTextAsync("限速器");
        await page.GetByTestId("item-new").ClickAsync();
        await page.GetByTestId("item-name").FillAsync("轿厢监控摄像头");
        await page.GetByTestId("item-requirement").FillAsync("画面清晰，录像正常");
        await page.GetByTestId("item-add").ClickAsync();
        await Assertions.Expect(page.Locator(".mud-snackbar", new() { HasText = "已添加保养项目：轿厢监控摄像头" })).ToBeVisibleAsync();
        await page.GetByTestId("items-search").FillAsync("摄像头");

        await Assertions.Expect(rows).ToHaveCountAsync(1);
        await Assertions.Expect(rows.First).ToContainTextAsync("本单位");
        await page.GetByTestId("items-search").FillAsync("");
        await page.ScreenshotAsync("maintenance-items");
    }
}
