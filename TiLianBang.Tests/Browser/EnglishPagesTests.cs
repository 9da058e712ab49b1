using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using TiLianBang.Core.Accounts;
using TiLianBang.Core.Common;
using TiLianBang.Core.Demo;
using TiLianBang.Core.Elevators;
using TiLianBang.Core.Localization;
using TiLianBang.Core.Maintenance;
using TiLianBang.Core.Repairs;
using TiLianBang.Tests.Infrastructure;
using TiLianBang.Tests.Maintenance;

namespace TiLianBang.Tests.Browser;

/// <summary>What Core wrote in Chinese reads in English for a person who chose English.</summary>
public sealed class EnglishPagesTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private async Task<IPage> EnglishManagerAsync(string userName)
    {
        var account = await browser.App.CreateAccountLikeAsync(DemoAccounts.MaintenanceManager, userName, "Initial-pass-1", mustChangePassword: false);
        await browser.App.AsSystemAsync(async (_, db) =>
        {
            (await db.Users.FindAsync(account.Id))!.Language = AccountLanguages.English;
            return await db.SaveChangesAsync();
        });
        return await browser.SignedInAsync(userName, "Initial-pass-1");
    }

    [Fact]
    public async Task TheRepairTimelineAndDescriptionReadInEnglish()
    {
        var (elevatorId, _) = await browser.App.ElevatorAsync(5);
        var order = await browser.App.AsSystemAsync(async (services, _) =>
            (await services.GetRequiredService<RepairService>().RaiseFromFaultAsync(elevatorId, 11, true, "困人（第 6 层站）", default)).Order);
        var page = await EnglishManagerAsync("english-desk");

        await page.OpenAsync($"/repairs/orders/{order.Id}");

        await Assertions.Expect(page.GetByTestId("timeline")).ToContainTextAsync("Alarm from the device; emergency repair order created");
        await Assertions.Expect(page.Locator("body")).ToContainTextAsync("Passengers trapped (landing 6)");
        await Assertions.Expect(page.GetByTestId("timeline")).Not.ToContainTextAsync("设备报警");
    }

    [Fact]
    public async Task WhyAMaintenanceOrderIsDueReadsInEnglish()
    {
        var (elevatorId, _) = await browser.App.ElevatorAsync(4);
        var worker = await browser.App.AccountIdAsync(DemoAccounts.MaintenanceWorker);
        await browser.App.PlanAsync(DemoAccounts.MaintenanceManager,
            new MaintenancePlanInput(elevatorId, null, worker, MaintenanceMode.FixedCycle, browser.App.Clock.Today()));
        await browser.App.GenerateAsync();
        var order = (await browser.App.OrdersOfAsync(elevatorId)).First(o => o.DueReason.StartsWith("按周期", StringComparison.Ordinal));
        var page = await EnglishManagerAsync("english-planner");

        await page.OpenAsync($"/maintenance/orders/{order.Id}");

        await Assertions.Expect(page.GetByTestId("due-reason")).ToContainTextAsync("By period: Half-monthly maintenance, every 15 days");
    }

    [Fact]
    public async Task TheElevatorVarietyReadsInEnglishAndInFull()
    {
        var (elevatorId, _) = await browser.App.ElevatorAsync(1);
        var variety = await browser.App.AsSystemAsync((_, db) => db.Elevators.Where(e => e.Id == elevatorId).Select(e => e.Variety).SingleAsync());
        var page = await EnglishManagerAsync("english-archivist");

        await page.OpenAsync($"/archive/elevators/{elevatorId}");

        var expected = $"{(int)variety} {CoreTexts.Show(ElevatorVarieties.NameOf(variety), new("en"))}";
        var field = page.GetByTestId("f-variety").First;
        await Assertions.Expect(field).ToBeVisibleAsync();
        // MudSelect shows its value in a read-only input; the test id may sit on it or on a wrapper.
        const string inputOf = "el => el.matches('input') ? el : el.querySelector('input')";
        var shown = await field.EvaluateAsync<string>($"el => ({inputOf})(el).value");
        Assert.Equal(expected, shown);
        var widths = await field.EvaluateAsync<double[]>(
            $"el => {{ const i = ({inputOf})(el); return [i.clientWidth, i.scrollWidth]; }}");
        Assert.True(widths[1] <= widths[0], $"The variety text is cut off: {widths[1]}px of text in {widths[0]}px");
    }
}
