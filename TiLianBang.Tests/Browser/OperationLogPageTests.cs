using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using TiLianBang.Core.Auditing;
using TiLianBang.Core.Demo;
using TiLianBang.Core.Repairs;

namespace TiLianBang.Tests.Browser;

public sealed class OperationLogPageTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task CompanySeesItsOwnSignInsAndNotAnotherCompanys()
    {
        await (await browser.SignedInAsync(DemoAccounts.OtherUserUnitManager, DemoAccounts.Password)).Context.CloseAsync();
        var page = await browser.SignedInAsync(DemoAccounts.UserUnitManager, DemoAccounts.Password);

        await page.GotoAsync("/system/logs");

        var table = page.GetByTestId("log-table");
        await Assertions.Expect(table.Locator("td", new() { HasTextString = "登录" }).First).ToBeVisibleAsync();
        // People are shown by their real names (王丽 is wuye, 陈静 is wuye2).
        await Assertions.Expect(table.GetByTestId("actor").Filter(new() { HasTextString = "王丽" }).First).ToBeVisibleAsync();
        await Assertions.Expect(table.GetByTestId("actor").Filter(new() { HasTextString = "陈静" })).ToHaveCountAsync(0);
        await page.ScreenshotAsync("operation-logs");
    }

    [Fact]
    public async Task RowsNamePeopleAndSubjectsNeverSecretsAndTheNarrowColumnsDoNotWrap()
    {
        var app = browser.App;
        var elevator = await app.AsSystemAsync((_, db) => db.Elevators.Where(e => e.Number == "CQ0007").Select(e => e.Id).SingleAsync());
        var (order, _) = await app.AsSystemAsync((sp, _) => sp.GetRequiredService<RepairService>().RaiseFromFaultAsync(elevator, 11, true, "困人", default));
        var manager = await app.AsSystemAsync((_, db) => db.Users.SingleAsync(u => u.UserName == DemoAccounts.MaintenanceManager));
        // Rows as they were written before: internal names, and an account change that named its secret fields.
        await app.AsSystemAsync(async (_, db) =>
        {
            var at = app.Clock.GetUtcNow().UtcDateTime;
            db.OperationLogs.AddRange(
                new OperationLog { AtUtc = at, UserName = "system:device-records", Action = OperationAction.Update, Target = $"RepairOrder#{order.Id}", Summary = "FaultClearedAtUtc" },
                new OperationLog { AtUtc = at, AccountId = manager.Id, UserName = manager.UserName, CompanyId = manager.CompanyId, IpAddress = "192.168.100.200", Action = OperationAction.Update, Target = $"Account#{manager.Id}", Summary = "PasswordHash, SecurityStamp, ConcurrencyStamp" },
                new OperationLog
                {
                    AtUtc = at, AccountId = manager.Id, UserName = manager.UserName, CompanyId = manager.CompanyId, IpAddress = "192.168.100.200",
                    Action = OperationAction.Update, Target = $"Elevator#{elevator}",
                    Summary = "Name, RegisterCode, Type, UsagePlace, RenovationUnit, FactoryNumber, Brand, Model, Floors, Stops, Doors, RatedSpeed, RatedLoad, InstallDate, RegistrationAuthority, LastInspectionDate, NextInspectionDate, MaintenanceContractStartDate, MaintenanceContractEndDate, PublicToken",
                });
            return await db.SaveChangesAsync();
        });
        var page = await browser.SignedInAsync(DemoAccounts.PlatformAdmin, DemoAccounts.Password);
        await page.SetViewportSizeAsync(1280, 800);

        await page.OpenAsync("/system/logs");

        var table = page.GetByTestId("log-table");
        await Assertions.Expect(table.GetByTestId("log-subject").Filter(new() { HasTextString = $"工单 {order.Number}" }).First).ToBeVisibleAsync();
        await Assertions.Expect(table.GetByTestId("actor").Filter(new() { HasTextString = "设备上报" }).First).ToBeVisibleAsync();
        await Assertions.Expect(table.GetByTestId("actor").Filter(new() { HasTextString = "张建国" }).First).ToBeVisibleAsync();
        await Assertions.Expect(table.GetByTestId("log-subject").Filter(new() { HasTextString = "账号 张建国" }).First).ToBeVisibleAsync();
        await Assertions.Expect(table.GetByTestId("log-subject").Filter(new() { HasTextString = "电梯 CQ0007" }).First).ToBeVisibleAsync();
        await Assertions.Expect(table.GetByTestId("log-summary").Filter(new() { HasTextString = "故障恢复时间" }).First).ToBeVisibleAsync();
        await Assertions.Expect(table.GetByTestId("log-summary").Filter(new() { HasTextString = "凭据（已隐藏）" }).First).ToBeVisibleAsync();
        var text = await table.Locator("tbody").InnerTextAsync();
        foreach (var hidden in new[] { "#", "PasswordHash", "SecurityStamp", "ConcurrencyStamp", "PublicToken", "system:", "FaultClearedAtUtc" })
        {
            Assert.DoesNotContain(hidden, text, StringComparison.Ordinal);
        }

        // A header or cell that fits its text is one line high; a squeezed one stacks its characters.
        foreach (var cell in new[] { table.GetByTestId("col-time"), table.GetByTestId("col-actor"), table.GetByTestId("col-action"), table.GetByTestId("log-action").First, table.Locator("tbody td").First })
        {
            var lines = await cell.EvaluateAsync<double>("""
                el => {
                    const range = document.createRange();
                    range.selectNodeContents(el);
                    const style = getComputedStyle(el);
                    const line = parseFloat(style.lineHeight) || parseFloat(style.fontSize) * 1.5;
                    return range.getBoundingClientRect().height / line;
                }
                """);
            Assert.True(lines < 1.5, $"{await cell.InnerTextAsync()} takes {lines:0.0} lines");
        }
        var action = await table.GetByTestId("col-action").BoundingBoxAsync();
        Assert.True(action!.Width >= 48, $"操作 column is {action.Width}px wide");

        await page.SetViewportSizeAsync(1920, 1080);
        await page.ScreenshotAsync("operation-logs-readable");
    }

    [Fact]
    public async Task MenuOfARoleWithoutTheLogPermissionHasNoLogEntryAndTheUrlRefuses()
    {
        var page = await browser.SignedInAsync(DemoAccounts.MaintenanceWorker, DemoAccounts.Password);

        await Assertions.Expect(page.GetByTestId("nav-menu")).Not.ToContainTextAsync("日志查询");
        await page.GotoAsync("/system/logs");

        await Assertions.Expect(page.GetByTestId("no-permission")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("log-table")).ToHaveCountAsync(0);
    }
}
