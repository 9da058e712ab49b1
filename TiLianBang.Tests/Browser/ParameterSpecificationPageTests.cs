using Microsoft.Playwright;
using TiLianBang.Core.Demo;

namespace TiLianBang.Tests.Browser;

public sealed class ParameterSpecificationPageTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task AParameterAddedOnThePageIsListedAndBadInputIsShownByTheField()
    {
        var page = await browser.SignedInAsync(DemoAccounts.PlatformAdmin, DemoAccounts.Password);
        await page.OpenAsync("/system/parameters");
        await Assertions.Expect(page.GetByTestId("parameters")).ToContainTextAsync("F0-03");

        await page.GetByTestId("parameter-code").FillAsync("F0-03");
        await page.GetByTestId("parameter-save").ClickAsync();
        await Assertions.Expect(page.GetByText("参数名称应为")).ToBeVisibleAsync();

        await page.GetByTestId("parameter-name").FillAsync("重复代码");
        await page.GetByTestId("categories").GetByText("F0 基本参数").ClickAsync();
        await page.GetByTestId("parameter-save").ClickAsync();
        await Assertions.Expect(page.GetByTestId("parameter-error")).ToContainTextAsync("已存在");

        await page.GetByTestId("parameter-code").FillAsync("F0-09");
        await page.GetByTestId("parameter-name").FillAsync("载波频率");
        await page.GetByTestId("parameter-save").ClickAsync();

        await Assertions.Expect(page.GetByTestId("parameters").Locator("tr", new() { HasTextString = "F0-09" })).ToContainTextAsync("载波频率");
        await page.ScreenshotAsync("parameter-specification");
    }
}
