using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using TiLianBang.Core.Demo;
using TiLianBang.Core.Repairs;

namespace TiLianBang.Tests.Browser;

public sealed class MyMessagesPageTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task AWorkerFindsTheNewOrderInMyMessagesAndOpensIt()
    {
        var elevatorId = await browser.App.AsSystemAsync((_, db) => db.Elevators.Where(e => e.Number == "CQ0002").Select(e => e.Id).SingleAsync());
        var (order, _) = await browser.App.AsSystemAsync((sp, _) => sp.GetRequiredService<RepairService>().RaiseFromFaultAsync(elevatorId, 11, true, "困人", default));
        var page = await browser.SignedInAsync(DemoAccounts.MaintenanceWorker, DemoAccounts.Password);

        await page.OpenAsync("/messages");
        var messages = page.GetByTestId("messages");
        await Assertions.Expect(messages).ToContainTextAsync("困人急修 CQ0002");
        await page.GetByTestId("mark-read").ClickAsync();
        await Assertions.Expect(page.GetByTestId("mark-read")).ToBeDisabledAsync();
        await messages.GetByText("困人急修 CQ0002").ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"/repairs/orders/no/{order.Number}$"));
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync(order.Number);
    }

    [Fact]
    public async Task TheBellCountsNewMessagesLive()
    {
        var page = await browser.SignedInAsync(DemoAccounts.MaintenanceWorker, DemoAccounts.Password);
        await page.OpenAsync("/monitor/area");
        await page.OpenAsync("/messages");
        if (await page.GetByTestId("mark-read").IsEnabledAsync())
        {
            await page.GetByTestId("mark-read").ClickAsync();
        }
        await page.OpenAsync("/monitor/area");
        var elevatorId = await browser.App.AsSystemAsync((_, db) => db.Elevators.Where(e => e.Number == "CQ0007").Select(e => e.Id).SingleAsync());

        await browser.App.AsSystemAsync((sp, _) => sp.GetRequiredService<RepairService>().RaiseFromFaultAsync(elevatorId, 2, false, "关门故障", default));

        await Assertions.Expect(page.GetByTestId("unread-badge").Locator(".mud-badge")).ToHaveTextAsync("1");
    }
}
