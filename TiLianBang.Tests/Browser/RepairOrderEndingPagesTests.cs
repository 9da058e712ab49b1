using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using TiLianBang.Core.Demo;
using TiLianBang.Core.Repairs;
using TiLianBang.Tests.Infrastructure;

namespace TiLianBang.Tests.Browser;

/// <summary>
/// Issue 13: ending an order is named for what it ends (取消工单 / 关闭工单), asks first and stores a reason; a fault
/// that cleared by itself shows as 已恢复 in the lists and on the order, and a reviewer closes such orders in bulk.
/// </summary>
public sealed class RepairOrderEndingPagesTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    // Orders of 重庆渝安's elevators (CQ0001, CQ0002, CQ0004 …), which weibao manages.
    private async Task<(int Id, string Number)> RaiseAsync(string elevatorNumber, bool clear)
    {
        var elevatorId = await browser.App.AsSystemAsync((_, db) => db.Elevators.Where(e => e.Number == elevatorNumber).Select(e => e.Id).SingleAsync());
        var (order, _) = await browser.App.AsSystemAsync((sp, _) => sp.GetRequiredService<RepairService>().RaiseFromFaultAsync(elevatorId, 3, false, "门锁回路断开", default));
        if (clear)
        {
            await browser.App.AsSystemAsync(async (sp, _) =>
            {
                await sp.GetRequiredService<RepairService>().FaultClearedAsync(elevatorId, 3, default);
                return true;
            });
        }
        return (order.Id, order.Number);
    }

    [Fact]
    public async Task CancellingAnOrderIsConfirmedWithAReasonThatTheOrderKeeps()
    {
        var (id, _) = await RaiseAsync("CQ0014", clear: false);
        var page = await browser.SignedInAsync(DemoAccounts.MaintenanceManager, DemoAccounts.Password);
        await page.OpenAsync($"/repairs/orders/{id}");

        var cancel = page.GetByTestId("action-Cancel");
        await Assertions.Expect(cancel).ToHaveTextAsync("取消工单");
        await Assertions.Expect(page.GetByTestId("action-Close")).ToHaveCountAsync(0);
        await cancel.ClickAsync();
        await Assertions.Expect(page.GetByTestId("reason-confirm")).ToBeDisabledAsync();
        await page.GetByTestId("reason-cancel").ClickAsync();
        await Assertions.Expect(page.GetByTestId("reason-dialog")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("detail-state")).ToHaveTextAsync("待接警");

        await cancel.ClickAsync();
        await page.GetByTestId("reason-input").FillAsync("重复报警，已在 JX 单中处理");
        await page.GetByTestId("reason-confirm").ClickAsync();

        await Assertions.Expect(page.GetByTestId("detail-state")).ToHaveTextAsync("已取消");
        await Assertions.Expect(page.Locator(".mud-snackbar")).ToContainTextAsync("工单已取消");
        await Assertions.Expect(page.GetByTestId("cancel-reason")).ToHaveTextAsync("重复报警，已在 JX 单中处理");
        await Assertions.Expect(page.GetByTestId("timeline")).ToContainTextAsync("取消工单");
        await Assertions.Expect(page.GetByTestId("timeline")).ToContainTextAsync("重复报警，已在 JX 单中处理");
        var stored = await browser.App.AsSystemAsync((_, db) => db.RepairOrders.SingleAsync(o => o.Id == id));
        Assert.Equal("重复报警，已在 JX 单中处理", stored.CancelReason);
    }

    [Fact]
    public async Task AClearedFaultShowsAsRecoveredAndTheReviewerClosesItFromTheAlarmDesk()
    {
        var (id, number) = await RaiseAsync("CQ0016", clear: true);
        var cleared = await browser.App.AsSystemAsync((_, db) => db.RepairOrders.Where(o => o.Id == id).Select(o => o.FaultClearedAtUtc).SingleAsync());
        var page = await browser.SignedInAsync(DemoAccounts.MaintenanceManager, DemoAccounts.Password);

        await page.OpenAsync($"/repairs/orders/{id}");
        await Assertions.Expect(page.GetByTestId("detail-state")).ToHaveTextAsync("待接警");
        await Assertions.Expect(page.GetByTestId("detail-cleared")).ToContainTextAsync("已恢复");

        await page.OpenAsync("/repairs/alarms");
        // The title stands clear of the table under it (it used to touch it).
        var title = await page.GetByTestId("page-title").BoundingBoxAsync();
        var table = await page.GetByTestId("repair-orders").BoundingBoxAsync();
        Assert.True(table!.Y - (title!.Y + title.Height) >= 12, $"gap between title and table: {table.Y - (title.Y + title.Height)}px");
        var row = page.GetByTestId("repair-orders").Locator("tbody tr", new() { HasText = number });
        await Assertions.Expect(row.GetByTestId("order-cleared")).ToHaveTextAsync("已恢复");
        await Assertions.Expect(row.GetByTestId("order-elapsed")).ToHaveTextAsync($"已恢复 {cleared!.Value.ToLocalTime():HH:mm}");
        await page.ScreenshotAsync("alarm-desk-cleared");

        await row.Locator("input[type=checkbox]").CheckAsync();
        await page.GetByTestId("bulk-close-cleared").ClickAsync();
        await page.GetByTestId("reason-input").FillAsync("设备已自行恢复");
        await page.GetByTestId("reason-confirm").ClickAsync();

        await Assertions.Expect(page.Locator(".mud-snackbar")).ToContainTextAsync("已关闭 1 张工单");
        await Assertions.Expect(page.GetByTestId("repair-orders").Locator("tbody tr", new() { HasText = number })).ToHaveCountAsync(0);
        await page.OpenAsync($"/repairs/orders/{id}");
        await Assertions.Expect(page.GetByTestId("detail-state")).ToHaveTextAsync("已关闭");
        await Assertions.Expect(page.GetByTestId("close-reason")).ToHaveTextAsync("设备已自行恢复");
        await Assertions.Expect(page.GetByTestId("timeline")).ToContainTextAsync("关闭工单");
    }

    [Fact]
    public async Task TheTasksListShowsRecoveredOrdersAndFiltersToThem()
    {
        var (_, recovered) = await RaiseAsync("CQ0017", clear: true);
        var (_, faulty) = await RaiseAsync("CQ0019", clear: false);
        var page = await browser.SignedInAsync(DemoAccounts.MaintenanceManager, DemoAccounts.Password);
        await page.OpenAsync("/repairs/tasks");

        var orders = page.GetByTestId("repair-orders");
        await Assertions.Expect(orders.Locator("tbody tr", new() { HasText = recovered }).GetByTestId("order-cleared")).ToBeVisibleAsync();
        await Assertions.Expect(orders.Locator("tbody tr", new() { HasText = faulty }).GetByTestId("order-cleared")).ToHaveCountAsync(0);
        await page.GetByLabel("只看已恢复").CheckAsync();

        await Assertions.Expect(orders.Locator("tbody tr", new() { HasText = faulty })).ToHaveCountAsync(0);
        await Assertions.Expect(orders.Locator("tbody tr", new() { HasText = recovered })).ToHaveCountAsync(1);

        // Nothing found: the empty state says so, and no pager reads "第 0-0 条，共 0 条".
        await page.GetByTestId("repair-search").FillAsync("NO-SUCH-ORDER");
        await Assertions.Expect(page.GetByTestId("no-orders")).ToBeVisibleAsync();
        await Assertions.Expect(orders).Not.ToContainTextAsync("共 0 条");
        await Assertions.Expect(orders.Locator(".mud-table-pagination-information")).ToHaveCountAsync(0);
    }
}
