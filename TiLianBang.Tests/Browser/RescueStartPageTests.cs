using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using TiLianBang.Core.Demo;
using TiLianBang.Core.Repairs;

namespace TiLianBang.Tests.Browser;

/// <summary>启动救援 from a trapped order's page and from the elevator's live page: the start lands on the order's timelines.</summary>
public sealed class RescueStartPageTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static async Task ConfirmAsync(IPage page)
    {
        var dialog = page.Locator(".mud-dialog");
        await Assertions.Expect(dialog).ToContainTextAsync("启动救援");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "启动救援" }).ClickAsync();
    }

    [Fact]
    public async Task OnATrappedOrdersPageTheStartShowsOnTheTimelineWithTheStartersName()
    {
        var elevatorId = await browser.App.AsSystemAsync((_, db) => db.Elevators.Where(e => e.Number == "CQ0002").Select(e => e.Id).SingleAsync());
        var (order, _) = await browser.App.AsSystemAsync((sp, _) =>
            sp.GetRequiredService<RepairService>().RaiseFromFaultAsync(elevatorId, 11, true, "困人", default));
        var page = await browser.SignedInAsync(DemoAccounts.MaintenanceManager, DemoAccounts.Password);
        await page.OpenAsync($"/repairs/orders/{order.Id}");
        await Assertions.Expect(page.GetByTestId("rescue-started")).ToHaveTextAsync("—");

        await page.GetByTestId("start-rescue").ClickAsync();
        await ConfirmAsync(page);

        await Assertions.Expect(page.GetByTestId("timeline")).ToContainTextAsync("启动救援");
        // 张建国 is the demo account weibao: people are named as they are known.
        await Assertions.Expect(page.GetByTestId("rescue-started")).ToContainTextAsync("张建国");
        await Assertions.Expect(page.GetByTestId("timeline").Locator(".mud-timeline-item").Last).ToContainTextAsync("张建国");
        await Assertions.Expect(page.Locator(".mud-snackbar")).ToContainTextAsync("已启动救援");
        Assert.EndsWith($"/repairs/orders/{order.Id}", page.Url, StringComparison.Ordinal);
        await page.ScreenshotAsync("rescue-started-order");

        // Again: nothing new, and the page says when and by whom it was started.
        await page.GetByTestId("start-rescue").ClickAsync();
        await ConfirmAsync(page);
        await Assertions.Expect(page.Locator(".mud-snackbar").Last).ToContainTextAsync("救援已于");
        await Assertions.Expect(page.GetByTestId("timeline").GetByText("启动救援", new() { Exact = true })).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task FromTheVideoPanelTheStartLandsOnTheRaisedOrderWithTheCameras()
    {
        var elevatorId = await browser.App.AsSystemAsync((_, db) => db.Elevators.Where(e => e.Number == "CQ0004").Select(e => e.Id).SingleAsync());
        var page = await browser.SignedInAsync(DemoAccounts.MaintenanceManager, DemoAccounts.Password, 1366, 768);
        await page.OpenAsync($"/monitor/elevators/{elevatorId}");
        await page.ScreenshotAsync("rescue-elevator-header");

        await page.GetByTestId("camera-panel").GetByTestId("start-rescue").ClickAsync();
        await ConfirmAsync(page);

        await page.WaitForURLAsync(new Regex(@"/repairs/orders/\d+$"));
        await Assertions.Expect(page.GetByTestId("detail-state")).ToHaveTextAsync("待接警");
        await Assertions.Expect(page.GetByTestId("timeline")).ToContainTextAsync("启动救援");
        await Assertions.Expect(page.GetByTestId("rescue-started")).ToContainTextAsync("张建国");
        await Assertions.Expect(page.GetByTestId("order-facts")).ToContainTextAsync("CQ0004");
        // The rescue is watched from the order: the car's camera plays there (the demo's drawn picture).
        await Assertions.Expect(page.GetByTestId("camera-panel").GetByTestId("camera-1")).ToHaveAttributeAsync("data-state", "playing");
        await page.ScreenshotAsync("rescue-raised-order");
        var orders = await browser.App.AsSystemAsync((_, db) => db.RepairOrders.Where(o => o.ElevatorId == elevatorId).Select(o => o.PassengersTrapped).ToListAsync());
        Assert.Equal([true], orders);
    }

    [Fact]
    public async Task AWorkerWithoutThePermissionSeesNoButton()
    {
        var elevatorId = await browser.App.AsSystemAsync((_, db) => db.Elevators.Where(e => e.Number == "CQ0005").Select(e => e.Id).SingleAsync());
        var page = await browser.SignedInAsync(DemoAccounts.MaintenanceWorker, DemoAccounts.Password);
        await page.OpenAsync($"/monitor/elevators/{elevatorId}");
        await Assertions.Expect(page.GetByTestId("detail-facts")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("start-rescue")).ToHaveCountAsync(0);
    }
}
