using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using TiLianBang.Core.Demo;
using TiLianBang.Core.Repairs;
using TiLianBang.Tests.Infrastructure;

namespace TiLianBang.Tests.Browser;

public sealed class RepairPagesTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private async Task ActAsync(string userName, int orderId, RepairAction action, RepairActionInput input)
    {
        await using var scope = await browser.App.ScopeAsAsync(userName);
        await scope.ServiceProvider.GetRequiredService<RepairService>().ApplyAsync(orderId, action, input, default);
    }

    [Fact]
    public async Task TrappedPassengersReachTheAlarmDeskLiveAndTheOrderIsWorkedAndReviewed()
    {
        var collector = await DemoCollector.OfElevatorAsync(browser.App, 1);
        var desk = await browser.SignedInAsync(DemoAccounts.MaintenanceManager, DemoAccounts.Password);
        await desk.OpenAsync("/repairs/alarms");
        await Assertions.Expect(desk.GetByTestId("no-orders")).ToBeVisibleAsync();

        using (var device = await MqttTestClient.ConnectAsync(browser.App.MqttPort, collector))
        {
            await device.PublishAsync(collector.Topic("event"), """{"id":"desk-1","code":11,"state":1,"floor":4}""");
        }

        await Assertions.Expect(desk.GetByTestId("alarm-banner")).ToContainTextAsync("困人");
        var row = desk.GetByTestId("repair-orders").Locator("tbody tr").First;
        await Assertions.Expect(row).ToContainTextAsync("CQ0001");
        await Assertions.Expect(row.GetByTestId("order-state")).ToHaveTextAsync("待接警");
        // 已用时 in the page's language, not "0m00s" (issue 13).
        await Assertions.Expect(row.GetByTestId("order-elapsed")).ToHaveTextAsync(new Regex(@"^\s*\d+分\d{2}秒"));
        await desk.ScreenshotAsync("alarm-desk");

        var order = await browser.App.AsSystemAsync((_, db) => db.RepairOrders.Include(o => o.Elevator).ThenInclude(e => e!.Community)
            .SingleAsync(o => o.ElevatorId == collector.ElevatorId && o.FaultCode == 11));
        var site = order.Elevator!.Community!.Location;
        await ActAsync(DemoAccounts.MaintenanceWorker, order.Id, RepairAction.Accept, new() { Position = site });
        await Assertions.Expect(desk.GetByTestId("no-orders")).ToBeVisibleAsync();
        await ActAsync(DemoAccounts.MaintenanceWorker, order.Id, RepairAction.SignIn, new() { Position = site });
        await ActAsync(DemoAccounts.MaintenanceWorker, order.Id, RepairAction.StartProcessing, new());
        await ActAsync(DemoAccounts.MaintenanceWorker, order.Id, RepairAction.Submit, new() { Cause = "停电", ActionsTaken = "盘车放人" });

        await desk.OpenAsync("/repairs/review");
        await desk.GetByTestId("order-link").First.ClickAsync();
        await Assertions.Expect(desk.GetByTestId("detail-state")).ToHaveTextAsync("待审核");
        await Assertions.Expect(desk.GetByTestId("rescue-timeline")).ToContainTextAsync("到场");
        await desk.GetByTestId("action-Approve").ClickAsync();
        await Assertions.Expect(desk.GetByTestId("detail-state")).ToHaveTextAsync("审核通过");
        await desk.GetByTestId("action-Close").ClickAsync();
        await desk.GetByTestId("reason-input").FillAsync("救援完成，归档");
        await desk.GetByTestId("reason-confirm").ClickAsync();
        await Assertions.Expect(desk.GetByTestId("detail-state")).ToHaveTextAsync("已关闭");
        await Assertions.Expect(desk.GetByTestId("close-reason")).ToHaveTextAsync("救援完成，归档");
        // The worker is named as people know him (李师傅 is the demo account "worker").
        await Assertions.Expect(desk.GetByTestId("timeline")).ToContainTextAsync("李师傅");
        await Assertions.Expect(desk.GetByTestId("timeline")).Not.ToContainTextAsync("system:");
        await desk.ScreenshotAsync("repair-order");
    }

    [Fact]
    public async Task AUserUnitReportsAFaultByHand()
    {
        var page = await browser.SignedInAsync(DemoAccounts.UserUnitManager, DemoAccounts.Password);
        await page.OpenAsync("/repairs/manual");

        await page.GetByTestId("manual-submit").ClickAsync();
        await Assertions.Expect(page.GetByText("请选择电梯。")).ToBeVisibleAsync();
        await page.GetByTestId("manual-elevator").FillAsync("CQ0003");
        await page.GetByRole(AriaRole.Option, new() { Name = "CQ0003" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("manual-elevator")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("^CQ0003"));
        await page.GetByTestId("manual-description").FillAsync("厅门关不上");
        // Leaving the field sends the text to the circuit; a render still due from the elevator choice then keeps it.
        await page.GetByTestId("manual-description").PressAsync("Tab");
        await Assertions.Expect(page.GetByTestId("manual-description")).ToHaveValueAsync("厅门关不上");
        await page.GetByTestId("manual-submit").ClickAsync();

        // Blazor navigates inside the page (no load event), so wait for the address, not for a navigation.
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/repairs/orders/\\d+$"));
        await Assertions.Expect(page.GetByTestId("detail-state")).ToHaveTextAsync("待接警");
        await Assertions.Expect(page.Locator("body")).ToContainTextAsync("厅门关不上");
    }

    [Fact]
    public async Task TheElevatorsFaultRecordsShowTheRepairStatus()
    {
        var collector = await DemoCollector.OfElevatorAsync(browser.App, 4);
        using (var device = await MqttTestClient.ConnectAsync(browser.App.MqttPort, collector))
        {
            await device.PublishAsync(collector.Topic("event"), """{"id":"rec-1","code":3,"state":1,"floor":2}""");
        }
        await browser.App.FlushDeviceRecordsAsync();
        var page = await browser.SignedInAsync(DemoAccounts.MaintenanceManager, DemoAccounts.Password);
        await page.OpenAsync($"/monitor/elevators/{collector.ElevatorId}");

        await page.GetByRole(AriaRole.Tab, new() { Name = "故障记录" }).ClickAsync();

        var state = page.GetByTestId("fault-repair-state").First;
        await Assertions.Expect(state).ToContainTextAsync("待接警");
        await state.GetByRole(AriaRole.Link).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/repairs/orders/\\d+$"));
        await Assertions.Expect(page.GetByTestId("detail-state")).ToHaveTextAsync("待接警");
    }

    [Fact]
    public async Task TheDeskAssignsAWorkerOnTheOrder()
    {
        var elevatorId = await browser.App.AsSystemAsync((_, db) => db.Elevators.Where(e => e.Number == "CQ0005").Select(e => e.Id).SingleAsync());
        var (order, _) = await browser.App.AsSystemAsync((sp, _) => sp.GetRequiredService<RepairService>().RaiseFromFaultAsync(elevatorId, 11, true, "困人", default));
        var page = await browser.SignedInAsync(DemoAccounts.MaintenanceManager, DemoAccounts.Password);
        await page.OpenAsync($"/repairs/orders/{order.Id}");

        await page.GetByTestId("assign-worker").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "李师傅" }).ClickAsync();
        await page.GetByTestId("assign-submit").ClickAsync();

        await Assertions.Expect(page.GetByTestId("timeline")).ToContainTextAsync("指派给 李师傅");
        await page.ScreenshotAsync("repair-assign");
    }

    [Fact]
    public async Task TheArchivesEscalationLevelsAreEditedOnTheElevator()
    {
        var elevatorId = await browser.App.AsSystemAsync((_, db) => db.Elevators.Where(e => e.Number == "CQ0010").Select(e => e.Id).SingleAsync());
        var page = await browser.SignedInAsync(DemoAccounts.MaintenanceManager, DemoAccounts.Password);
        await page.OpenAsync($"/monitor/elevators/{elevatorId}");
        await page.GetByRole(AriaRole.Tab, new() { Name = "电梯信息" }).ClickAsync();

        await page.GetByTestId("escalation-minutes-2").FillAsync("0");
        await page.GetByTestId("escalation-save").ClickAsync();
        await Assertions.Expect(page.GetByTestId("escalation-message")).ToContainTextAsync("逐级递增");
        await page.GetByTestId("escalation-minutes-2").FillAsync("8");
        await page.GetByTestId("escalation-save").ClickAsync();
        await Assertions.Expect(page.GetByTestId("escalation-message")).ToContainTextAsync("已保存");

        var levels = await browser.App.AsSystemAsync((_, db) => db.EscalationLevels.Where(l => l.ElevatorId == elevatorId).OrderBy(l => l.Level).ToListAsync());
        Assert.Equal([0, 8, 10, 15, 30], levels.Select(l => l.AfterMinutes));
    }

    [Fact]
    public async Task TheEscalationTabShowsWhomEachLevelReachesAndALevelThatReachesNobodyStandsOutHereAndOnTheOrder()
    {
        // CQ0011 (渝安) as if its user unit had been taken out of the archive: the 使用单位 level reaches nobody.
        var elevatorId = await browser.App.AsSystemAsync((_, db) => db.Elevators.Where(e => e.Number == "CQ0011").Select(e => e.Id).SingleAsync());
        await browser.App.AsSystemAsync((_, db) => db.Elevators.Where(e => e.Id == elevatorId).ExecuteUpdateAsync(s => s.SetProperty(e => e.UserUnitId, (int?)null)));
        var page = await browser.SignedInAsync(DemoAccounts.MaintenanceManager, DemoAccounts.Password);
        await page.OpenAsync($"/monitor/elevators/{elevatorId}");
        await page.GetByRole(AriaRole.Tab, new() { Name = "电梯信息" }).ClickAsync();

        await Assertions.Expect(page.GetByTestId("escalation-reach-2")).ToContainTextAsync("王海涛");
        await Assertions.Expect(page.GetByTestId("escalation-reach-3")).ToContainTextAsync("023-67886001");
        await Assertions.Expect(page.GetByTestId("escalation-reach-5")).ToContainTextAsync("周科长");
        await Assertions.Expect(page.GetByTestId("escalation-reach-4")).ToContainTextAsync("无人可通知");
        await Assertions.Expect(page.GetByTestId("escalation-gaps")).ToBeVisibleAsync();
        await page.ScreenshotAsync("escalation-preview");

        // A trapped passenger there, 15 minutes without anyone on site: level 4 is reached and reaches nobody.
        var (order, _) = await browser.App.AsSystemAsync((sp, _) => sp.GetRequiredService<RepairService>().RaiseFromFaultAsync(elevatorId, 11, true, "困人", default));
        var alarmAt = browser.App.Clock.GetUtcNow().UtcDateTime.AddMinutes(-15);
        await browser.App.AsSystemAsync((_, db) => db.RepairOrders.Where(o => o.Id == order.Id).ExecuteUpdateAsync(s => s.SetProperty(o => o.CreatedAtUtc, alarmAt)));
        await browser.App.Services.GetRequiredService<EscalationWatch>().RunOnceAsync(default);
        await page.OpenAsync($"/repairs/orders/{order.Id}");

        await Assertions.Expect(page.GetByTestId("escalation-warning")).ToContainTextAsync("第 4 级上报：使用单位");
        await Assertions.Expect(page.GetByTestId("escalation-warning")).ToContainTextAsync("无人可通知");
        await page.ScreenshotAsync("escalation-warning");
    }
}
