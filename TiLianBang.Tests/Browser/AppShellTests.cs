using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using TiLianBang.Core.Demo;
using TiLianBang.Core.Repairs;
using TiLianBang.Web.Shared;

namespace TiLianBang.Tests.Browser;

/// <summary>The frame around every page (docs/ui.md): menu, breadcrumb, global search, user menu, theme, 404.</summary>
public sealed class AppShellTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static ILocator Group(IPage page, int section) => page.Locator($"[data-testid='nav-group'][data-section='{section}']");

    private static Task<bool> IsOpenAsync(IPage page, int section) =>
        Group(page, section).Locator(".mud-collapse-container").First.EvaluateAsync<bool>("e => e.classList.contains('mud-collapse-entered') || e.classList.contains('mud-collapse-entering')");

    [Fact]
    public async Task OnlyTheCurrentPagesGroupOpensAndWhatThePersonOpensIsRemembered()
    {
        var page = await browser.SignedInAsync(DemoAccounts.PlatformAdmin, DemoAccounts.Password);
        var repairs = NavigationTree.SectionIndexOf("/repairs/tasks")!.Value;
        var system = NavigationTree.SectionIndexOf("/system/logs")!.Value;
        var maintenance = NavigationTree.SectionIndexOf("/maintenance/query")!.Value;

        await page.OpenAsync("/repairs/tasks");
        Assert.True(await IsOpenAsync(page, repairs));
        Assert.False(await IsOpenAsync(page, system));

        await Group(page, system).Locator(".mud-nav-group > button, button.mud-nav-link").First.ClickAsync();
        await Assertions.Expect(Group(page, system).Locator("a[href='/system/logs']")).ToBeVisibleAsync();
        await page.OpenAsync("/maintenance/query");

        Assert.True(await IsOpenAsync(page, system), "a group the person opened stays open on the next page load");
        Assert.True(await IsOpenAsync(page, maintenance), "the current page's group is open");
        var cookie = (await page.Context.CookiesAsync()).Single(c => c.Name.StartsWith("tlb.nav.", StringComparison.Ordinal));
        Assert.Contains(system.ToString(System.Globalization.CultureInfo.InvariantCulture), cookie.Value, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DarkModeIsChosenInTheUserMenuAndKeptAcrossLoads()
    {
        var page = await browser.SignedInAsync(DemoAccounts.MaintenanceManager, DemoAccounts.Password);
        await page.OpenAsync("/repairs/tasks");
        var lightBackground = await page.EvaluateAsync<string>("() => getComputedStyle(document.querySelector('.mud-main-content')).backgroundColor");

        await page.GetByTestId("current-user").ClickAsync();
        await page.GetByTestId("theme-dark").ClickAsync();

        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("data-theme", "dark");
        await page.OpenAsync("/repairs/tasks");
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("data-theme", "dark");
        var darkBackground = await page.EvaluateAsync<string>("() => getComputedStyle(document.querySelector('.mud-main-content')).backgroundColor");
        Assert.NotEqual(lightBackground, darkBackground);
        await page.ScreenshotAsync("shell-dark-repairs");
    }

    [Fact]
    public async Task GlobalSearchJumpsToAnElevatorAndToAnOrder()
    {
        var elevatorId = await browser.App.AsSystemAsync((_, db) => db.Elevators.Where(e => e.Number == "CQ0004").Select(e => e.Id).SingleAsync());
        var (order, _) = await browser.App.AsSystemAsync((sp, _) => sp.GetRequiredService<RepairService>().RaiseFromFaultAsync(elevatorId, 2, false, "关门故障", default));
        var page = await browser.SignedInAsync(DemoAccounts.MaintenanceManager, DemoAccounts.Password);
        await page.OpenAsync("/repairs/tasks");
        var search = page.GetByTestId("global-search").Locator("input");

        await search.FillAsync(order.Number);
        await page.Locator("[data-testid='search-hit'][data-kind='RepairOrder']").First.ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"/repairs/orders/{order.Id}$"));
        await Assertions.Expect(search).ToHaveValueAsync("");
        var crumbs = page.GetByTestId("breadcrumbs");
        await Assertions.Expect(crumbs).ToContainTextAsync("急修管理");
        await Assertions.Expect(crumbs.Locator("a[href='/repairs/tasks']")).ToBeVisibleAsync();

        // The first search's list is gone before the next is typed: the box has finished the jump it made.
        await Assertions.Expect(page.GetByTestId("search-hit")).ToHaveCountAsync(0);
        await search.FillAsync("CQ0004");
        await Assertions.Expect(search).ToHaveValueAsync("CQ0004");
        await page.GetByTestId("search-hit").Filter(new() { HasText = "CQ0004" }).First.ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"/monitor/elevators/{elevatorId}$"));
    }

    [Fact]
    public async Task TheUnreadBadgeSitsInsideTheAppBar()
    {
        var elevatorId = await browser.App.AsSystemAsync((_, db) => db.Elevators.Where(e => e.Number == "CQ0005").Select(e => e.Id).SingleAsync());
        await browser.App.AsSystemAsync((sp, _) => sp.GetRequiredService<RepairService>().RaiseFromFaultAsync(elevatorId, 11, true, "困人", default));
        var page = await browser.SignedInAsync(DemoAccounts.MaintenanceWorker, DemoAccounts.Password);
        await page.OpenAsync("/repairs/tasks");

        var badge = page.GetByTestId("unread-badge").Locator(".mud-badge");
        await Assertions.Expect(badge).ToBeVisibleAsync();
        var box = (await badge.BoundingBoxAsync())!;
        var bar = (await page.Locator(".mud-appbar").BoundingBoxAsync())!;
        Assert.True(box.Y >= bar.Y && box.Y + box.Height <= bar.Y + bar.Height, $"badge {box.Y}+{box.Height} outside the bar {bar.Y}+{bar.Height}");
    }

    [Fact]
    public async Task AnUnknownAddressIsAPageForPeopleAndProblemDetailsForTheApi()
    {
        var page = await browser.SignedInAsync(DemoAccounts.MaintenanceManager, DemoAccounts.Password);

        var response = await page.GotoAsync("/repairs/no-such-page");
        var api = await page.APIRequest.GetAsync("/api/v1/no-such-endpoint");

        Assert.Equal(404, response!.Status);
        await Assertions.Expect(page.GetByTestId("page-title")).ToHaveTextAsync("页面不存在");
        await Assertions.Expect(page.GetByTestId("not-found-home")).ToBeVisibleAsync();
        Assert.Equal(404, api.Status);
        Assert.StartsWith("application/problem+json", api.Headers["content-type"], StringComparison.Ordinal);
    }
}
