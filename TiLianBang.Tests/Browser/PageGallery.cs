using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using TiLianBang.Core.Demo;
using TiLianBang.Core.Repairs;
using TiLianBang.Web.Shared;

namespace TiLianBang.Tests.Browser;

/// <summary>
/// Every page of the staff app as a person sees it (docs/ui.md): each follows the page anatomy (a header with
/// breadcrumb and title), shows no error, fits the screen without sideways scrolling, and is kept as a screenshot
/// in TestResults/screenshots/gallery for a person to look at.
/// </summary>
public static class PageGallery
{
    public static readonly (int Width, int Height)[] Screens = [(1920, 1080), (1366, 768)];

    /// <summary>Pages made for a wall display, drawn without drawer and app bar (docs/ui.md's anatomy does not apply).</summary>
    private static readonly HashSet<string> FullScreenPages = ["/statistics/screen"];

    /// <summary>The menu's pages and one of each detail page, as the platform administrator sees them.</summary>
    public static async Task<IReadOnlyList<(string Name, string Path)>> PagesAsync(BrowserFixture browser)
    {
        var (elevatorId, maintenanceOrderId) = await browser.App.AsSystemAsync(async (_, db) => (
            await db.Elevators.Where(e => e.Number == "CQ0001").Select(e => e.Id).SingleAsync(),
            await db.MaintenanceOrders.OrderBy(o => o.Id).Select(o => o.Id).FirstAsync()));
        var (repair, _) = await browser.App.AsSystemAsync((sp, _) =>
            sp.GetRequiredService<RepairService>().RaiseFromFaultAsync(elevatorId, 11, true, "困人（第 6 层站）", default));
        return
        [
            ("home", "/"),
            .. NavigationTree.Items.Select(i => (i.Href.Trim('/').Replace('/', '-'), i.Href)),
            ("monitor-elevator-detail", $"/monitor/elevators/{elevatorId}"),
            ("monitor-elevator-health", $"/monitor/elevators/{elevatorId}?tab=health"),
            ("repairs-order-detail", $"/repairs/orders/{repair.Id}"),
            ("maintenance-order-detail", $"/maintenance/orders/{maintenanceOrderId}"),
            ("archive-elevator-edit", $"/archive/elevators/{elevatorId}"),
            ("archive-elevator-new", "/archive/elevators/new"),
            ("messages", "/messages"),
            ("account-profile", "/account/profile"),
            ("not-found", "/no/such/page"),
        ];
    }

    /// <summary>
    /// What the page-wide overflow check cannot see (issue 13): a table or tab bar scrolling sideways inside its card,
    /// a drawer entry wrapped onto two lines or cut short without its whole label on hover, and more than one filled
    /// primary button (docs/ui.md: one main action per page).
    /// </summary>
    private const string LayoutProblems = """
        () => {
            const problems = [];
            const visible = e => e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden';
            for (const table of document.querySelectorAll('.tlb-page .mud-table-container')) {
                if (visible(table) && table.scrollWidth - table.clientWidth > 1) {
                    problems.push(`table scrolls sideways by ${table.scrollWidth - table.clientWidth}px`);
                }
            }
            if ([...document.querySelectorAll('.tlb-page .mud-tabs-scroll-button')].some(visible)) {
                problems.push('tab bar scrolls');
            }
            for (const text of document.querySelectorAll('.tlb-nav .mud-nav-link-text')) {
                if (!visible(text)) continue;
                const label = text.textContent.trim();
                const style = getComputedStyle(text);
                const line = parseFloat(style.lineHeight) || 1.2 * parseFloat(style.fontSize);
                if (text.getBoundingClientRect().height > 1.5 * line) {
                    problems.push(`drawer entry "${label}" wraps`);
                }
                const link = text.closest('.mud-nav-item');
                if (text.scrollWidth > text.clientWidth && link?.getAttribute('title') !== label) {
                    problems.push(`drawer entry "${label}" is cut short without a tooltip`);
                }
            }
            const filled = [...document.querySelectorAll('.tlb-page .mud-button-filled-primary')].filter(visible);
            if (filled.length > 1) {
                problems.push(`${filled.length} filled primary buttons (${filled.map(b => b.textContent.trim()).join(', ')})`);
            }
            return problems;
        }
        """;

    private static readonly TimeSpan DrawTimeout = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Waits until the page's data has arrived (no loading skeleton left) and ApexCharts has drawn every chart: the
    /// library loads on first use and draws after the circuit's render, both later than the network falls idle.
    /// </summary>
    private static async Task<bool> DrawnAsync(IPage page)
    {
        try
        {
            await page.WaitForFunctionAsync(
                """
                () => !document.querySelector('.mud-skeleton')
                    && [...document.querySelectorAll('.tlb-chart')].every(chart => chart.querySelector('.apexcharts-canvas svg'))
                """,
                null, new() { Timeout = (float)DrawTimeout.TotalMilliseconds, PollingInterval = 100 });
            return true;
        }
        catch (System.TimeoutException)
        {
            return false;
        }
    }

    /// <summary>
    /// Light Chinese pages are shot on both screens; dark and English ones on the narrower only, where a longer
    /// text overflows first (the theme changes colours, not widths), which keeps the CI run's time down.
    /// </summary>
    public static async Task ShootAsync(BrowserFixture browser, ThemeMode theme, string language)
    {
        var screens = theme == ThemeMode.Light && language == "zh-CN" ? Screens : [Screens.MinBy(s => s.Width)];
        // GALLERY_ONLY=/repairs,/e narrows a run to some pages while one works on them; CI shoots them all.
        var only = Environment.GetEnvironmentVariable("GALLERY_ONLY")?.Split(',', StringSplitOptions.RemoveEmptyEntries);
        var pages = (await PagesAsync(browser)).Where(p => only is null || only.Any(prefix => p.Path.StartsWith(prefix, StringComparison.Ordinal))).ToList();
        var problems = new List<string>();
        foreach (var (width, height) in screens)
        {
            var page = await browser.SignedInAsync(DemoAccounts.PlatformAdmin, DemoAccounts.Password, width, height);
            await page.Context.AddCookiesAsync([new Cookie { Name = UiPreferences.ThemeCookie, Value = UiPreferences.FormatTheme(theme), Url = browser.BaseUrl }]);
            if (language != "zh-CN")
            {
                await page.GotoAsync($"/account/language?culture={language}&returnUrl=/account/profile");
            }
            var folder = Directory.CreateDirectory(Path.Combine(BrowserFixture.ScreenshotDirectory, "gallery", $"{language}-{UiPreferences.FormatTheme(theme)}-{width}")).FullName;
            foreach (var (name, path) in pages)
            {
                await page.OpenAsync(path);
                await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
                if (!await DrawnAsync(page))
                {
                    problems.Add($"{path} at {width}: still loading or a chart not drawn after {DrawTimeout.TotalSeconds:0} s");
                }
                // The wall screen (投屏统计) is a full-screen page without the app shell: its own title stands for the header.
                var header = FullScreenPages.Contains(path) ? "screen-title" : "page-header";
                if (!await page.GetByTestId(header).IsVisibleAsync())
                {
                    problems.Add($"{path}: no page header");
                }
                if (await page.Locator("#blazor-error-ui").IsVisibleAsync())
                {
                    problems.Add($"{path}: error bar shown");
                }
                var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
                if (overflow > 0)
                {
                    problems.Add($"{path} at {width}: {overflow}px wider than the window");
                }
                problems.AddRange((await page.EvaluateAsync<string[]>(LayoutProblems)).Select(problem => $"{path} at {width}: {problem}"));
                await page.ScreenshotAsync(new() { Path = Path.Combine(folder, name + ".png"), FullPage = true });
            }
            await page.Context.CloseAsync();
        }
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }
}

public sealed class PageGalleryLightTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public Task EveryPageFollowsThePageAnatomyInLightMode() => PageGallery.ShootAsync(browser, ThemeMode.Light, "zh-CN");
}

public sealed class PageGalleryDarkTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public Task EveryPageFollowsThePageAnatomyInDarkMode() => PageGallery.ShootAsync(browser, ThemeMode.Dark, "zh-CN");
}

public sealed class PageGalleryEnglishTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public Task EveryPageFollowsThePageAnatomyInEnglish() => PageGallery.ShootAsync(browser, ThemeMode.Light, "en");
}
