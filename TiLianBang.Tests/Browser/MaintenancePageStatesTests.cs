using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using TiLianBang.Core.Demo;
using TiLianBang.Web.Shared;

namespace TiLianBang.Tests.Browser;

/// <summary>What the maintenance pages show at their edges (issue 13): empty lists and a visit signed in without a position.</summary>
public sealed class MaintenancePageStatesTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Theory]
    [InlineData("/maintenance/review", "review-search", "maintenance-orders")]
    [InlineData("/maintenance/query", "query-search", "maintenance-orders")]
    [InlineData("/maintenance/plans", "plan-search", "plans")]
    public async Task AnEmptyListSaysWhyAndShowsNoPager(string path, string search, string table)
    {
        var page = await browser.SignedInAsync(DemoAccounts.MaintenanceManager, DemoAccounts.Password);
        await page.OpenAsync(path);
        await Assertions.Expect(page.GetByTestId(table).Locator("tbody tr").First).ToBeVisibleAsync();
        await page.GetByTestId(search).FillAsync("没有这部电梯");
        await page.GetByTestId(search).PressAsync("Enter");

        await Assertions.Expect(page.GetByTestId(table).GetByTestId("empty-state")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId(table)).Not.ToContainTextAsync("共 0 条");
        await Assertions.Expect(page.GetByTestId(table).Locator(".mud-table-pagination-toolbar")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task ThePrintedSheetOfAVisitSignedInWithoutAPositionShowsADashAndStaysWhiteInDarkMode()
    {
        var orderId = await browser.App.AsSystemAsync(async (_, db) =>
        {
            var id = await db.MaintenanceOrders.Where(o => o.Elevator!.Number == "CQ0002").OrderBy(o => o.Id).Select(o => o.Id).FirstAsync();
            await db.MaintenanceOrders.Where(o => o.Id == id).ExecuteUpdateAsync(o => o
                .SetProperty(x => x.SignedInAtUtc, new DateTime(2026, 11, 20, 2, 30, 0, DateTimeKind.Utc))
                .SetProperty(x => x.SignInLatitude, (double?)null)
                .SetProperty(x => x.SignInLongitude, (double?)null));
            return id;
        });
        var page = await browser.SignedInAsync(DemoAccounts.MaintenanceManager, DemoAccounts.Password);
        await page.Context.AddCookiesAsync([new Cookie { Name = UiPreferences.ThemeCookie, Value = UiPreferences.FormatTheme(ThemeMode.Dark), Url = browser.BaseUrl }]);

        await page.GotoAsync($"/maintenance/orders/{orderId}/sheet");

        await Assertions.Expect(page.GetByTestId("sheet-position")).ToHaveTextAsync("—");
        var colours = await page.EvaluateAsync<string[]>("() => { const s = getComputedStyle(document.querySelector('.tlb-print-page')); return [s.backgroundColor, s.color]; }");
        Assert.Equal(["rgb(255, 255, 255)", "rgb(0, 0, 0)"], colours);
        await page.ScreenshotAsync("maintenance-sheet-without-position-dark");
    }
}
