using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using TiLianBang.Core.Demo;
using TiLianBang.Core.Maintenance;
using TiLianBang.Tests.Infrastructure;
using TiLianBang.Tests.Maintenance;
using TiLianBang.Web.Features.Maintenance;
using TiLianBang.Tests.Api;

namespace TiLianBang.Tests.Browser;

/// <summary>MNT-1/3/5/6 as people use them: plan, generate, assign, the worker's visit, then 保养查询 and the elevator's 维保记录.</summary>
public sealed class MaintenancePagesTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task AnElevatorIsPlannedGeneratedAssignedWorkedAndFoundInTheQueryAndItsRecords()
    {
        // CQ0019 (渝安) as if newly taken over: no plan and no orders yet.
        var (elevatorId, site) = await browser.App.ElevatorAsync(19);
        await browser.App.AsSystemAsync(async (_, db) =>
        {
            await db.MaintenanceOrders.Where(o => o.ElevatorId == elevatorId).ExecuteDeleteAsync();
            return await db.MaintenancePlans.Where(p => p.ElevatorId == elevatorId).ExecuteDeleteAsync();
        });

        var page = await browser.SignedInAsync(DemoAccounts.MaintenanceManager, DemoAccounts.Password);
        await page.OpenAsync("/maintenance/plans");
        await page.GetByTestId("plan-search").FillAsync("CQ0019");
        await page.GetByTestId("plan-search").PressAsync("Enter");
        // The search re-renders the table: act on the row only once it is the only one left.
        await Assertions.Expect(page.GetByTestId("plans").Locator("tbody tr")).ToHaveCountAsync(1);
        var row = page.GetByTestId("plans").Locator("tbody tr", new() { HasText = "CQ0019" });
        await Assertions.Expect(row).ToContainTextAsync("未录入");
        await row.GetByTestId("plan-edit").ClickAsync();
        // The plan is entered in a dialog: the list does not move under the person's hand.
        await Assertions.Expect(page.GetByTestId("plan-form")).ToBeVisibleAsync();
        await page.GetByTestId("plan-save").ClickAsync();
        await Assertions.Expect(page.GetByText("请选择保养分组或维保人员。")).ToBeVisibleAsync();
        await page.GetByTestId("plan-worker").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "李师傅" }).ClickAsync();
        await page.ScreenshotAsync("maintenance-plan-entry");
        await page.GetByTestId("plan-save").ClickAsync();
        await Assertions.Expect(page.GetByTestId("plan-form")).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator(".mud-snackbar", new() { HasText = "CQ0019 的保养计划已保存" })).ToBeVisibleAsync();
        await Assertions.Expect(row).ToContainTextAsync("按周期");
        await Assertions.Expect(row).ToContainTextAsync("李师傅");

        await page.OpenAsync("/maintenance/review");
        await page.GetByTestId("generate").ClickAsync();
        await Assertions.Expect(page.GetByTestId("generated")).ToBeVisibleAsync();
        await page.GetByTestId("review-search").FillAsync("CQ0019");
        await page.GetByTestId("review-search").PressAsync("Enter");
        await Assertions.Expect(page.GetByTestId("maintenance-orders").Locator("tbody tr").First).ToContainTextAsync("CQ0019");
        var first = page.GetByTestId("maintenance-orders").Locator("tbody tr", new() { HasText = "CQ0019" }).First;
        await Assertions.Expect(first.GetByTestId("maintenance-state")).ToHaveTextAsync("待审核");
        await Assertions.Expect(first).ToContainTextAsync("半月保养");
        var number = (await first.GetByTestId("maintenance-order-link").TextContentAsync())!.Trim();
        await first.GetByTestId("assign").ClickAsync();
        // 派工 opens a dialog; nothing is edited inside the table, so its columns keep their width.
        var dialog = page.Locator(".mud-dialog", new() { Has = page.GetByTestId("assign-dialog") });
        await Assertions.Expect(dialog).ToBeVisibleAsync();
        await Assertions.Expect(dialog).ToContainTextAsync(number);
        await Assertions.Expect(page.GetByTestId("maintenance-orders").GetByTestId("assign-worker")).ToHaveCountAsync(0);
        await dialog.GetByTestId("assign-worker").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "李师傅" }).ClickAsync();
        await page.ScreenshotAsync("maintenance-review-assign");
        await dialog.GetByTestId("assign-confirm").ClickAsync();
        await Assertions.Expect(dialog).ToBeHiddenAsync();
        // The order leaves the list of orders waiting for review, and the person is told so.
        var told = page.Locator(".mud-snackbar", new() { HasText = $"{number}（CQ0019）已派给 李师傅，已移出待审核列表。" });
        await Assertions.Expect(told).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("maintenance-orders").Locator("tbody tr", new() { HasText = number })).ToHaveCountAsync(0);
        await page.GetByTestId("review-state").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "已派工" }).ClickAsync();
        var assigned = page.GetByTestId("maintenance-orders").Locator("tbody tr", new() { HasText = "CQ0019" }).First;
        await Assertions.Expect(assigned.GetByTestId("maintenance-state")).ToHaveTextAsync("已派工");
        await page.ScreenshotAsync("maintenance-review");

        // The mini-program's part, over the API: the day's calendar, sign-in on site, every item, submit.
        var order = (await browser.App.OrdersOfAsync(elevatorId)).First(o => o.State == MaintenanceOrderState.Assigned);
        var worker = await browser.App.CreateApiClientAsync(DemoAccounts.MaintenanceWorker, DemoAccounts.Password);
        var day = await worker.GetFromJsonAsync<List<MaintenanceOrderSummary>>($"/api/v1/maintenance/my/day?date={order.DueOn:yyyy-MM-dd}", ApiJson.Options);
        Assert.Contains(day!, o => o.Id == order.Id);
        (await worker.PostAsJsonAsync($"/api/v1/maintenance/orders/{order.Id}/sign-in", new PositionRequest(site.Latitude, site.Longitude), ApiJson.Options)).EnsureSuccessStatusCode();
        foreach (var item in order.Items)
        {
            (await worker.PutAsJsonAsync($"/api/v1/maintenance/orders/{order.Id}/items/{item.Id}", new ItemResultRequest(MaintenanceItemResult.Normal, null), ApiJson.Options)).EnsureSuccessStatusCode();
            if (item.NeedsPhoto)
            {
                var content = new ByteArrayContent(TestImages.Jpeg);
                content.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
                (await worker.PostAsync($"/api/v1/maintenance/orders/{order.Id}/items/{item.Id}/photos", new MultipartFormDataContent { { content, "photo", "p.jpg" } })).EnsureSuccessStatusCode();
            }
        }
        (await worker.PostAsJsonAsync($"/api/v1/maintenance/orders/{order.Id}/submit", new NoteRequest("安全回路正常"), ApiJson.Options)).EnsureSuccessStatusCode();

        await page.OpenAsync("/maintenance/query");
        await page.GetByTestId("query-search").FillAsync(order.Number);
        await page.GetByTestId("query-search").PressAsync("Enter");
        await Assertions.Expect(page.GetByTestId("maintenance-orders").Locator("tbody tr")).ToHaveCountAsync(1);
        var found = page.GetByTestId("maintenance-orders").Locator("tbody tr", new() { HasText = order.Number });
        await Assertions.Expect(found.GetByTestId("maintenance-state")).ToHaveTextAsync("待确认");
        await Assertions.Expect(found).ToContainTextAsync($"{order.Items.Count} / {order.Items.Count}");
        await page.ScreenshotAsync("maintenance-query");
        await found.GetByTestId("maintenance-order-link").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"/maintenance/orders/{order.Id}$"));
        await Assertions.Expect(page.GetByTestId("order-worker")).ToHaveTextAsync("李师傅");
        await Assertions.Expect(page.GetByTestId("sign-in")).ToContainTextAsync(site.Latitude.ToString("0.00000", System.Globalization.CultureInfo.InvariantCulture));
        await Assertions.Expect(page.GetByTestId("item-result").First).ToHaveTextAsync("正常");
        await Assertions.Expect(page.GetByTestId("print-sheet")).ToBeVisibleAsync();
        await page.ScreenshotAsync("maintenance-order");

        var sheet = page;
        await sheet.GotoAsync($"/maintenance/orders/{order.Id}/sheet");
        await Assertions.Expect(sheet.GetByTestId("sheet-facts")).ToContainTextAsync("CQ0019");
        await Assertions.Expect(sheet.GetByTestId("sheet-worker")).ToHaveTextAsync("李师傅");
        await Assertions.Expect(sheet.GetByTestId("sheet-items").Locator("tbody tr")).ToHaveCountAsync(order.Items.Count);
        await sheet.ScreenshotAsync("maintenance-sheet");

        await page.OpenAsync($"/monitor/elevators/{elevatorId}");
        await page.GetByRole(AriaRole.Tab, new() { Name = "维保记录" }).ClickAsync();
        var record = page.GetByTestId("maintenance-orders").Locator("tbody tr", new() { HasText = order.Number });
        await Assertions.Expect(record.GetByTestId("maintenance-state")).ToHaveTextAsync("待确认");
        await page.ScreenshotAsync("elevator-maintenance-records");
    }

    [Fact]
    public async Task AManagerFormsAGroupAndAnAdministratorChangesTheWarningLeadTimes()
    {
        var page = await browser.SignedInAsync(DemoAccounts.MaintenanceManager, DemoAccounts.Password);
        await page.OpenAsync("/maintenance/groups");
        await Assertions.Expect(page.GetByTestId("groups")).ToContainTextAsync("渝北一组");
        await page.GetByTestId("group-new").ClickAsync();
        await page.GetByTestId("group-save").ClickAsync();
        await Assertions.Expect(page.GetByText("组名应为 1–50 个字符。")).ToBeVisibleAsync();
        await page.GetByTestId("group-name").FillAsync("江北二组");
        await page.GetByTestId("group-name").PressAsync("Tab");
        await page.GetByTestId("group-leader").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "李师傅" }).ClickAsync();
        await page.GetByTestId("group-save").ClickAsync();
        await Assertions.Expect(page.Locator(".mud-snackbar", new() { HasText = "保养分组“江北二组”已保存。" })).ToBeVisibleAsync();
        var row = page.GetByTestId("groups").Locator("tbody tr", new() { HasText = "江北二组" });
        await Assertions.Expect(row).ToContainTextAsync("李师傅");
        await page.ScreenshotAsync("maintenance-groups");

        var admin = await browser.SignedInAsync(DemoAccounts.PlatformAdmin, DemoAccounts.Password);
        await admin.OpenAsync("/system/config");
        await admin.GetByTestId("lead-days").FillAsync("30, x");
        await admin.GetByTestId("lead-days").PressAsync("Tab");
        await admin.GetByTestId("settings-save").ClickAsync();
        await Assertions.Expect(admin.GetByTestId("settings-invalid")).ToBeVisibleAsync();
        await Assertions.Expect(admin.GetByText("请输入以逗号分隔的整数。")).ToBeVisibleAsync();
        await admin.GetByTestId("lead-days").FillAsync("60,30,7");
        await admin.GetByTestId("lead-days").PressAsync("Tab");
        await admin.GetByTestId("settings-save").ClickAsync();
        await Assertions.Expect(admin.GetByTestId("settings-saved")).ToBeVisibleAsync();
        await admin.ScreenshotAsync("system-configuration");
        var stored = await browser.App.AsSystemAsync((_, db) => db.SystemSettings.AsNoTracking().SingleAsync());
        Assert.Equal([60, 30, 7], stored.WarningLeadDays);
    }
}
