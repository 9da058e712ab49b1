using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TiLianBang.Core.Common;
using TiLianBang.Core.Demo;
using TiLianBang.Core.Maintenance;
using TiLianBang.Core.Notifications;
using TiLianBang.Tests.Infrastructure;

namespace TiLianBang.Tests.Maintenance;

/// <summary>MNT-7: inspection, contract and overdue-maintenance warnings fire at their lead times, once each.</summary>
public sealed class ExpiryWarningTests(NoBackgroundLoopsAppFactory app) : IClassFixture<NoBackgroundLoopsAppFactory>
{
    private Task<int> WarnAsync() => app.Services.GetRequiredService<MaintenanceJobs>().SendExpiryWarningsAsync(default);

    private Task<List<string>> MessagesToAsync(string userName, string titleContains) => app.AsSystemAsync((_, db) =>
        db.Notifications.Where(n => n.Channel == NotificationChannel.InApp && n.Title.Contains(titleContains)
                && db.Users.Any(u => u.Id == n.AccountId && u.UserName == userName))
            .OrderBy(n => n.Id).Select(n => n.Body).ToListAsync());

    [Fact]
    public async Task EachWarningFiresOnceAtEachLeadTime()
    {
        // CQ0001: 渝安 maintains it, 山城 (wuye) uses it. Default lead times: 30 and 7 days.
        var (elevatorId, _) = await app.ElevatorAsync(1);
        var today = app.Clock.Today();
        await app.AsSystemAsync(async (_, db) =>
        {
            var e = await db.Elevators.SingleAsync(x => x.Id == elevatorId);
            e.NextInspectionDate = today.AddDays(31);
            e.MaintenanceContractEndDate = today.AddDays(200);
            return await db.SaveChangesAsync();
        });

        // Whatever the demo date was warned about before, only messages about the new date count here.
        var date = today.AddDays(31).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        async Task<List<string>> InspectionMessagesAsync(string userName) =>
            (await MessagesToAsync(userName, "年检到期预警 CQ0001")).Where(b => b.Contains(date, StringComparison.Ordinal)).ToList();
        await WarnAsync();
        Assert.Empty(await InspectionMessagesAsync(DemoAccounts.MaintenanceManager));

        app.Clock.Advance(TimeSpan.FromDays(1));
        await WarnAsync();
        await WarnAsync();
        var manager = await InspectionMessagesAsync(DemoAccounts.MaintenanceManager);
        Assert.Equal([$"{await NameAsync(elevatorId)}：年检日期 {today.AddDays(31):yyyy-MM-dd}，还有 30 天。"], manager);
        Assert.Single(await InspectionMessagesAsync(DemoAccounts.UserUnitManager));
        Assert.Empty(await InspectionMessagesAsync(DemoAccounts.OtherUserUnitManager));

        app.Clock.Advance(TimeSpan.FromDays(22));
        await WarnAsync();
        Assert.Single(await InspectionMessagesAsync(DemoAccounts.MaintenanceManager));
        app.Clock.Advance(TimeSpan.FromDays(1));
        await WarnAsync();
        await WarnAsync();
        manager = await InspectionMessagesAsync(DemoAccounts.MaintenanceManager);
        Assert.Equal(2, manager.Count);
        Assert.Contains("还有 7 天", manager[1]);
        Assert.DoesNotContain(await MessagesToAsync(DemoAccounts.MaintenanceManager, "维保合同到期预警 CQ0001"),
            b => b.Contains(today.AddDays(200).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnOverdueVisitIsWarnedOnceToTheOfficeAndTheWorker()
    {
        var (elevatorId, _) = await app.ElevatorAsync(13);
        var worker = await app.AccountIdAsync(DemoAccounts.MaintenanceWorker);
        var today = app.Clock.Today();
        await app.PlanAsync(DemoAccounts.MaintenanceManager, new MaintenancePlanInput(elevatorId, null, worker, MaintenanceMode.FixedCycle, today));
        await app.GenerateAsync();
        var order = (await app.OrdersOfAsync(elevatorId)).First();
        await app.AsAsync(DemoAccounts.MaintenanceManager, async s => { await s.AssignAsync(order.Id, worker, default); return 0; });

        await WarnAsync();
        Assert.Empty(await MessagesToAsync(DemoAccounts.MaintenanceWorker, $"保养超期 CQ0013"));
        app.Clock.Advance(TimeSpan.FromDays(2));
        await WarnAsync();
        await WarnAsync();
        var overdue = await app.AsAsync(DemoAccounts.MaintenanceManager, s => s.ListAsync(new MaintenanceOrderQuery { ElevatorId = elevatorId, Overdue = true }, default));
        Assert.Equal(order.Id, Assert.Single(overdue).Id);
        Assert.Contains("已超期 2 天", Assert.Single(await MessagesToAsync(DemoAccounts.MaintenanceWorker, "保养超期 CQ0013")));
        Assert.Single(await MessagesToAsync(DemoAccounts.MaintenanceManager, "保养超期 CQ0013"));
    }

    private Task<string> NameAsync(int elevatorId) => app.AsSystemAsync((_, db) => db.Elevators.Where(e => e.Id == elevatorId).Select(e => e.Name).SingleAsync());
}
