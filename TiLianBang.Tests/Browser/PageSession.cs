using Microsoft.Playwright;

namespace TiLianBang.Tests.Browser;

/// <summary>What a person does at the start of most browser tests: open the app and sign in.</summary>
public static class PageSession
{
    public static async Task<IPage> SignedInAsync(this BrowserFixture browser, string userName, string password)
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/account/signin");
        await page.FillAsync("#username", userName);
        await page.FillAsync("#password", password);
        await page.ClickAsync("#signin");
        await page.WaitForURLAsync(url => !url.Contains("/account/signin", StringComparison.Ordinal));
        return page;
    }

    public static Task ScreenshotAsync(this IPage page, string name) =>
        page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, name + ".png"), FullPage = true });
}
