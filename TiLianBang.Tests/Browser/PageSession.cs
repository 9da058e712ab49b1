using Microsoft.Playwright;

namespace TiLianBang.Tests.Browser;

/// <summary>What a person does at the start of most browser tests: open the app and sign in.</summary>
public static class PageSession
{
    public static async Task<IPage> SignedInAsync(this BrowserFixture browser, string userName, string password, int width = 1440, int height = 900)
    {
        var page = await browser.NewPageAsync(width, height);
        await page.GotoAsync("/account/signin");
        await page.FillAsync("#username", userName);
        await page.FillAsync("#password", password);
        await page.ClickAsync("#signin");
        await page.WaitForURLAsync(url => !url.Contains("/account/signin", StringComparison.Ordinal));
        return page;
    }

    /// <summary>Waits until the page's Blazor circuit is up, so that typing and clicking reach the server.</summary>
    public static Task WaitForInteractiveAsync(this IPage page) =>
        page.GetByTestId("interactive").WaitForAsync(new() { State = WaitForSelectorState.Attached });

    /// <summary>Opens a page of the app and waits until it is interactive.</summary>
    public static async Task OpenAsync(this IPage page, string path)
    {
        await page.GotoAsync(path);
        await page.WaitForInteractiveAsync();
    }

    public static Task ScreenshotAsync(this IPage page, string name) =>
        page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, name + ".png"), FullPage = true });
}
