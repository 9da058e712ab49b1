using TiLianBang.Core.Common;
using TiLianBang.Core.Demo;
using TiLianBang.Core.Devices.Recording;
using TiLianBang.Core.Maintenance;
using TiLianBang.Tests.Infrastructure;

namespace TiLianBang.Tests.Maintenance;

/// <summary>MNT-4: an on-demand elevator's next visit follows its run counters, within the maximum interval, and says why.</summary>
public sealed class OnDemandMaintenanceTests(NoBackgroundLoopsAppFactory app) : IClassFixture<NoBackgroundLoopsAppFactory>
{
    private async Task ReadCountersAsync(int elevatorId, long runs, double hours) => await app.AsSystemAsync(async (_, db) =>
    {
        db.CounterReadings.Add(new CounterReading
        {
            DeviceId = DemoDevices.DeviceIdFor(10),
            ElevatorId = elevatorId,
            Runs = runs,
            RunHours = hours,
            ReceivedAtUtc = app.Clock.GetUtcNow().UtcDateTime,
        });
        return await db.SaveChangesAsync();
    });

    private async Task<MaintenanceOrder> OpenOrderAsync(int elevatorId) =>
        (await app.OrdersOfAsync(elevatorId)).Single(o => !o.IsDone);

    [Fact]
    public async Task TheNextDueDateMovesWithTheRunCountersSinceTheLastVisit()
    {
        // CQ0010: 渝安, with a bound collector.
        var (elevatorId, site) = await app.ElevatorAsync(10);
        var worker = await app.AccountIdAsync(DemoAccounts.MaintenanceWorker);
        var today = app.Clock.Today();
        await app.PlanAsync(DemoAccounts.MaintenanceManager, new MaintenancePlanInput(elevatorId, null, worker, MaintenanceMode.OnDemand, today));
        await ReadCountersAsync(elevatorId, 120_000, 4_000);
        await app.GenerateAsync();

        var first = await OpenOrderAsync(elevatorId);
        Assert.Equal(today, first.DueOn);
        Assert.Equal(MaintenanceMode.OnDemand, first.Mode);
        await app.AsAsync(DemoAccounts.MaintenanceManager, async s => { await s.AssignAsync(first.Id, worker, default); return 0; });
        await app.CompleteAsync(DemoAccounts.MaintenanceWorker, first.Id, site);

        // Right after the visit: nothing used yet, so the maximum interval (30 days by default) rules.
        await app.GenerateAsync();
        var next = await OpenOrderAsync(elevatorId);
        Assert.Equal(today.AddDays(30), next.DueOn);
        Assert.Contains("最长间隔 30 天", next.DueReason);

        // Two days at 1,000 runs a day: 8,000 runs will be reached in six more days.
        app.Clock.Advance(TimeSpan.FromDays(2));
        await ReadCountersAsync(elevatorId, 122_000, 4_010);
        await app.GenerateAsync();
        next = await OpenOrderAsync(elevatorId);
        Assert.Equal(today.AddDays(2 + 6), next.DueOn);
        Assert.Contains("已运行 2,000 次", next.DueReason);

        // A busy day later the threshold is passed: due today, and the order says so.
        app.Clock.Advance(TimeSpan.FromDays(1));
        await ReadCountersAsync(elevatorId, 128_500, 4_020);
        await app.GenerateAsync();
        next = await OpenOrderAsync(elevatorId);
        Assert.Equal(today.AddDays(3), next.DueOn);
        Assert.Equal("上次保养后已运行 8,500 次（阈值 8,000 次）", next.DueReason);
        Assert.Equal(2, (await app.OrdersOfAsync(elevatorId)).Count);
    }
}
