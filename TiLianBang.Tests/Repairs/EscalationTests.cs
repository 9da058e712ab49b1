using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TiLianBang.Core.Common;
using TiLianBang.Core.Demo;
using TiLianBang.Core.Notifications;
using TiLianBang.Core.Repairs;
using TiLianBang.Tests.Infrastructure;

namespace TiLianBang.Tests.Repairs;

/// <summary>REP-4: 5级上报 fires at the configured minutes (on the test's clock) and stops once someone accepts.</summary>
public sealed class EscalationTests(TiLianBangAppFactory app) : IClassFixture<TiLianBangAppFactory>
{
    private Task<int> SweepAsync() => app.Services.GetRequiredService<EscalationWatch>().RunOnceAsync(default);

    private async Task<(int ElevatorId, RepairOrder Order)> RaiseAsync(string number, int code)
    {
        var elevatorId = await app.AsSystemAsync((_, db) => db.Elevators.Where(e => e.Number == number).Select(e => e.Id).SingleAsync());
        var (order, _) = await app.AsSystemAsync((sp, _) => sp.GetRequiredService<RepairService>().RaiseFromFaultAsync(elevatorId, code, code == 11, "test", default));
        return (elevatorId, order);
    }

    private Task<RepairOrder> OrderAsync(int id) =>
        app.AsSystemAsync((_, db) => db.RepairOrders.Include(o => o.Steps).AsNoTracking().SingleAsync(o => o.Id == id));

    private async Task SetLevelsAsync(int elevatorId, params (EscalationTarget, int)[] levels)
    {
        await using var scope = await app.ScopeAsAsync(DemoAccounts.PlatformAdmin);
        await scope.ServiceProvider.GetRequiredService<Escalation>().SetLevelsAsync(elevatorId, levels, default);
    }

    [Fact]
    public async Task EachLevelIsToldAtItsMinuteAndAcceptingStopsTheRest()
    {
        var elevatorId = await app.AsSystemAsync((_, db) => db.Elevators.Where(e => e.Number == "CQ0013").Select(e => e.Id).SingleAsync());
        await SetLevelsAsync(elevatorId, (EscalationTarget.Workers, 0), (EscalationTarget.TeamLeader, 5), (EscalationTarget.UserUnit, 15));
        var (_, order) = await RaiseAsync("CQ0013", 11);
        var manager = await app.AsSystemAsync((_, db) => db.Users.SingleAsync(u => u.UserName == DemoAccounts.MaintenanceManager));

        await SweepAsync();
        var atStart = await OrderAsync(order.Id);
        app.Clock.Advance(TimeSpan.FromMinutes(4));
        await SweepAsync();
        var atFour = await OrderAsync(order.Id);
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        await SweepAsync();
        var atFive = await OrderAsync(order.Id);
        var leaderTold = await app.AsSystemAsync((_, db) => db.Notifications.AnyAsync(n => n.AccountId == manager.Id && n.Title.Contains("未到场")));
        await using (var scope = await app.ScopeAsAsync(DemoAccounts.MaintenanceWorker))
        {
            var site = await app.AsSystemAsync((_, db) => db.Elevators.Where(e => e.Id == elevatorId).Select(e => new { e.Community!.Latitude, e.Community.Longitude }).SingleAsync());
            await scope.ServiceProvider.GetRequiredService<RepairService>().ApplyAsync(order.Id, RepairAction.Accept,
                new RepairActionInput { Position = new(site.Latitude, site.Longitude) }, default);
        }
        app.Clock.Advance(TimeSpan.FromMinutes(20));
        await SweepAsync();
        var afterAccept = await OrderAsync(order.Id);

        Assert.Equal(1, atStart.EscalatedLevel);
        Assert.Equal(1, atFour.EscalatedLevel);
        Assert.Equal(2, atFive.EscalatedLevel);
        Assert.Contains(atFive.Steps, s => s.Note!.StartsWith("第 2 级上报：维保班组长", StringComparison.Ordinal));
        Assert.True(leaderTold);
        Assert.Equal(2, afterAccept.EscalatedLevel);
    }

    [Fact]
    public async Task RepeatedSweepsNeverTellALevelTwice()
    {
        var (_, order) = await RaiseAsync("CQ0014", 11);
        app.Clock.Advance(TimeSpan.FromMinutes(6));

        // The hosted watch may already have run on the advanced clock; however many passes run, each level is told once.
        await SweepAsync();
        await SweepAsync();
        var again = await SweepAsync();

        var stored = await OrderAsync(order.Id);
        Assert.Equal(0, again);
        Assert.Equal(2, stored.EscalatedLevel);
        Assert.Equal([1, 2], stored.Steps.Where(s => s.Note?.Contains("级上报") == true).Select(s => int.Parse(s.Note!.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task AnOrdinaryFaultDoesNotEscalate()
    {
        var (_, order) = await RaiseAsync("CQ0016", 2);
        app.Clock.Advance(TimeSpan.FromHours(1));

        await SweepAsync();

        Assert.Equal(0, (await OrderAsync(order.Id)).EscalatedLevel);
    }

    [Fact]
    public async Task LevelsMustRiseAndStayWithinFive()
    {
        var elevatorId = await app.AsSystemAsync((_, db) => db.Elevators.Where(e => e.Number == "CQ0017").Select(e => e.Id).SingleAsync());

        await Assert.ThrowsAsync<ValidationException>(() => SetLevelsAsync(elevatorId, (EscalationTarget.Workers, 10), (EscalationTarget.TeamLeader, 5)));
        await Assert.ThrowsAsync<ValidationException>(() => SetLevelsAsync(elevatorId,
            (EscalationTarget.Workers, 0), (EscalationTarget.TeamLeader, 1), (EscalationTarget.CompanyDuty, 2), (EscalationTarget.UserUnit, 3), (EscalationTarget.Supervisor, 4), (EscalationTarget.Supervisor, 5)));
    }

    [Fact]
    public async Task ALevelThatReachesNobodyIsWrittenOnTheOrderAsAConfigurationProblem()
    {
        // CQ0018 as if its user unit had been taken out of the archive: the 使用单位 level has nobody to tell.
        var elevatorId = await app.AsSystemAsync((_, db) => db.Elevators.Where(e => e.Number == "CQ0018").Select(e => e.Id).SingleAsync());
        await app.AsSystemAsync((_, db) => db.Elevators.Where(e => e.Id == elevatorId).ExecuteUpdateAsync(s => s.SetProperty(e => e.UserUnitId, (int?)null)));
        await SetLevelsAsync(elevatorId, (EscalationTarget.Workers, 0), (EscalationTarget.UserUnit, 5));
        var (_, order) = await RaiseAsync("CQ0018", 11);
        var before = await app.AsSystemAsync((_, db) => db.Notifications.CountAsync(n => n.Title.Contains("未到场 CQ0018")));

        await SweepAsync();
        var first = await OrderAsync(order.Id);
        app.Clock.Advance(TimeSpan.FromMinutes(5));
        await SweepAsync();
        var stored = await OrderAsync(order.Id);
        var told = await app.AsSystemAsync((_, db) => db.Notifications.CountAsync(n => n.Title.Contains("未到场 CQ0018")));

        Assert.Empty(Escalation.UnreachedSteps(first));
        var step = Assert.Single(Escalation.UnreachedSteps(stored));
        Assert.StartsWith("第 2 级上报：使用单位", step.Note, StringComparison.Ordinal);
        Assert.Contains("无人可通知，请检查5级上报设置", step.Note, StringComparison.Ordinal);
        Assert.Equal(2, stored.EscalatedLevel);
        Assert.Equal(before, told);
        // CQ0018 is 两江's.
        await using var scope = await app.ScopeAsAsync(DemoAccounts.OtherMaintenanceManager);
        var preview = await scope.ServiceProvider.GetRequiredService<Escalation>().PreviewAsync(elevatorId, default);
        Assert.False(preview[0].ReachesNobody);
        Assert.True(preview[1].ReachesNobody);
    }

    [Fact]
    public async Task TheFirstLevelSaysHowManyWorkersTheOrderReachedWhenItWasCreated()
    {
        var (_, order) = await RaiseAsync("CQ0020", 11);
        var workers = await app.AsSystemAsync((_, db) => db.Notifications.CountAsync(n => n.Channel == NotificationChannel.InApp && n.Link == $"/repairs/orders/no/{order.Number}"));

        await SweepAsync();

        var step = Assert.Single((await OrderAsync(order.Id)).Steps, s => s.Note?.StartsWith("第 1 级上报", StringComparison.Ordinal) == true);
        Assert.True(workers >= 5, $"{workers} workers told");
        Assert.Equal($"第 1 级上报：维保人员（建单时已通知 {workers} 人）", step.Note);
    }

    [Fact]
    public async Task TheDemoHasSomeoneAtEveryDefaultLevelOfEveryElevator()
    {
        // Other tests here set some elevators' own levels; the rest use the defaults.
        var elevators = await app.AsSystemAsync((_, db) => db.Elevators.Where(e => !db.EscalationLevels.Any(l => l.ElevatorId == e.Id) && e.UserUnitId != null)
            .Select(e => new { e.Id, e.Number }).ToListAsync());
        Assert.True(elevators.Count > 50);
        await using var scope = await app.ScopeAsAsync(DemoAccounts.PlatformAdmin);
        var escalation = scope.ServiceProvider.GetRequiredService<Escalation>();

        foreach (var elevator in elevators)
        {
            var preview = await escalation.PreviewAsync(elevator.Id, default);
            Assert.Equal(Escalation.DefaultTargets, preview.Select(l => l.Target));
            Assert.All(preview, l => Assert.False(l.ReachesNobody, $"{elevator.Number} level {l.Level} ({l.Target}) reaches nobody"));
            // The duty line is the maintenance company's phone, told by SMS.
            Assert.Matches(@"^023-\d{8}$", Assert.Single(preview.Single(l => l.Target == EscalationTarget.CompanyDuty).Contacts).Phone);
        }
    }
}
