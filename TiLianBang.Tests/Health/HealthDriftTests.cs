using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TiLianBang.Core.Common;
using TiLianBang.Core.Data;
using TiLianBang.Core.Demo;
using TiLianBang.Core.Health;
using TiLianBang.Core.Maintenance;
using TiLianBang.Core.Notifications;
using TiLianBang.Core.Settings;
using TiLianBang.Tests.Infrastructure;

namespace TiLianBang.Tests.Health;

/// <summary>
/// Issue 21.2 and 21.4: drift from an elevator's own baseline raises one warning with its evidence to the maintenance
/// company's reviewers; a stable elevator none; a fix is watched until the metric recovers or the warning opens again;
/// an open warning makes on-demand maintenance due at once, saying why.
/// </summary>
public sealed class HealthDriftTests(NoBackgroundLoopsAppFactory app) : IClassFixture<NoBackgroundLoopsAppFactory>
{
    private readonly NoBackgroundLoopsAppFactory _app = app;

    [Fact]
    public async Task ASlowerDoorRaisesOneWarningWithEvidenceAStableOneNoneAndAFixIsWatchedUntilRecovery()
    {
        var (slow, stable, reopening) = (await ElevatorAsync(1), await ElevatorAsync(2), await ElevatorAsync(5));
        var windowEnd = HourAccumulator.HourOf(_app.Clock.GetUtcNow());
        var windowStart = windowEnd.AddHours(-24);
        foreach (var elevator in new[] { slow, stable, reopening })
        {
            await SeedBaselineAsync(elevator.Id, windowStart);
        }
        await SeedHoursAsync(slow.Id, windowStart, closingMs: 4_200);
        await SeedHoursAsync(stable.Id, windowStart, closingMs: 3_050);
        await SeedHoursAsync(reopening.Id, windowStart, closingMs: 3_000, reopenings: 2);

        Assert.Equal(2, await EvaluateAsync());

        var warnings = await WarningsAsync(slow.Id, stable.Id, reopening.Id);
        Assert.Equal([(slow.Id, HealthMetric.DoorClosingTime), (reopening.Id, HealthMetric.Reopenings)], warnings.Select(w => (w.ElevatorId, w.Metric)));
        var door = warnings[0];
        Assert.Equal((HealthWarningStatus.Open, 3_000, 4_200, windowStart), (door.Status, door.Baseline, door.Observed, door.DriftSinceUtc));
        Assert.Equal(40, door.ChangePercent, 6);
        Assert.Equal("关门时间较基线增加 40 %，已持续 1 天（基线 3.0 秒，近期 4.2 秒）", HealthWarningText.Describe(door, _app.Clock.GetUtcNow().UtcDateTime));
        // 4 re-openings in 40 door cycles: 10 per 100 against a clean baseline (compared with 1 per 100).
        Assert.Equal((0, 10), (warnings[1].Baseline, warnings[1].Observed));

        // The maintenance company's reviewers are told, in the same transaction as the warning.
        var told = await _app.AsSystemAsync((_, db) => db.Notifications.AsNoTracking()
            .Where(n => n.Title == "健康预警 " + slow.Number && n.Channel == NotificationChannel.InApp).Select(n => new { n.AccountId, n.Body, n.Link }).ToListAsync());
        Assert.NotEmpty(told);
        Assert.All(told, n => Assert.Equal($"/monitor/elevators/{slow.Id}?tab=health", n.Link));
        Assert.Contains("关门时间较基线增加 40 %", told[0].Body, StringComparison.Ordinal);
        var reviewer = await _app.AsSystemAsync((_, db) => db.Users.Where(u => u.UserName == DemoAccounts.MaintenanceManager).Select(u => u.Id).SingleAsync());
        Assert.Contains(told, n => n.AccountId == reviewer);

        // Judged again an hour later: still one warning each, kept up to date, nobody told twice.
        _app.Clock.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(0, await EvaluateAsync());
        Assert.Equal(2, (await WarningsAsync(slow.Id, stable.Id, reopening.Id)).Count);

        // On-demand maintenance is due today, saying why in plain words.
        var due = await DueAsync(slow.Id);
        Assert.Equal(ChinaToday(), due.DueOn);
        Assert.StartsWith("健康预警：关门时间较基线增加 40 %，已持续 1 天", due.Reason, StringComparison.Ordinal);

        // Another maintenance company cannot see it; the property company sees it but cannot close it; the worker can.
        await Assert.ThrowsAsync<DomainException>(() => CloseAsync(DemoAccounts.OtherMaintenanceManager, door.Id));
        var forbidden = await Assert.ThrowsAsync<DomainException>(() => CloseAsync(DemoAccounts.UserUnitManager, door.Id));
        Assert.Equal(DomainErrorKind.Forbidden, forbidden.Kind);
        await CloseAsync(DemoAccounts.MaintenanceWorker, door.Id, "更换门机皮带");
        await CloseAsync(DemoAccounts.MaintenanceWorker, warnings[1].Id, "调整光幕");
        var twice = await Assert.ThrowsAsync<DomainException>(() => CloseAsync(DemoAccounts.MaintenanceWorker, door.Id));
        Assert.Equal(DomainErrorKind.Conflict, twice.Kind);
        // Closed as fixed: no longer a reason to go now.
        Assert.DoesNotContain("健康预警", (await DueAsync(slow.Id)).Reason, StringComparison.Ordinal);

        // Judged right after the fix: the period still lies before it, so nothing changes.
        Assert.Equal(0, await EvaluateAsync());
        Assert.All(await WarningsAsync(slow.Id, reopening.Id), w => Assert.Equal(HealthWarningStatus.Watching, w.Status));

        // A day after the fix: the door is back to 3.0 s (recovered); the re-openings go on (opened again, told again).
        _app.Clock.Advance(TimeSpan.FromHours(25));
        var nextStart = HourAccumulator.HourOf(_app.Clock.GetUtcNow()).AddHours(-24);
        await SeedHoursAsync(slow.Id, nextStart, closingMs: 3_000);
        await SeedHoursAsync(reopening.Id, nextStart, closingMs: 3_000, reopenings: 3);
        Assert.Equal(1, await EvaluateAsync());

        var after = await WarningsAsync(slow.Id, reopening.Id);
        Assert.Equal((HealthWarningStatus.Recovered, "更换门机皮带"), (after[0].Status, after[0].FixNote));
        Assert.NotNull(after[0].RecoveredAtUtc);
        Assert.Equal((HealthWarningStatus.Open, 1), (after[1].Status, after[1].Reopened));
        Assert.Equal(2, await _app.AsSystemAsync((_, db) => db.Notifications.CountAsync(n => n.Title == "健康预警 " + reopening.Number && n.AccountId == reviewer && n.Channel == NotificationChannel.InApp)));
    }

    [Fact]
    public async Task TooLittleDataIsNotJudgedAndAFewOddEventsAreNotADrift()
    {
        var (young, rare) = (await ElevatorAsync(7), await ElevatorAsync(8));
        var windowStart = HourAccumulator.HourOf(_app.Clock.GetUtcNow()).AddHours(-24);
        // Six days of baseline (seven needed), then a very slow door.
        await SeedBaselineAsync(young.Id, windowStart, days: 6);
        await SeedHoursAsync(young.Id, windowStart, closingMs: 6_000);
        // Two stops outside the door zone in 40 (three needed before a rate counts).
        await SeedBaselineAsync(rare.Id, windowStart);
        await SeedHoursAsync(rare.Id, windowStart, closingMs: 3_000, outsideZone: 2);

        await EvaluateAsync();
        Assert.Empty(await WarningsAsync(young.Id, rare.Id));
    }

    private static DateOnly ChinaToday() =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")).DateTime);

    private Task<(int Id, string Number)> ElevatorAsync(int index) => _app.AsSystemAsync(async (_, db) =>
    {
        var collector = await DemoCollector.OfElevatorAsync(_app, index);
        var number = await db.Elevators.Where(e => e.Id == collector.ElevatorId).Select(e => e.Number).SingleAsync();
        return (collector.ElevatorId, number);
    });

    /// <summary>Days before the judged period: four busy hours a day, 10 door cycles each, doors closing in 3.0 s.</summary>
    private Task<int> SeedBaselineAsync(int elevatorId, DateTime windowStart, int days = 30) => _app.AsSystemAsync(async (_, db) =>
    {
        for (var day = 1; day <= days; day++)
        {
            AddHours(db, elevatorId, windowStart.AddDays(-day), closingMs: 3_000, reopenings: 0, outsideZone: 0);
        }
        return await db.SaveChangesAsync();
    });

    /// <summary>The judged period: four hours of 10 door cycles and 10 stops each.</summary>
    private Task<int> SeedHoursAsync(int elevatorId, DateTime windowStart, int closingMs, int reopenings = 0, int outsideZone = 0) =>
        _app.AsSystemAsync(async (_, db) =>
        {
            AddHours(db, elevatorId, windowStart.AddHours(2), closingMs, reopenings, outsideZone);
            return await db.SaveChangesAsync();
        });

    private static void AddHours(TiLianBangDbContext db, int elevatorId, DateTime from, int closingMs, int reopenings, int outsideZone)
    {
        for (var h = 0; h < 4; h++)
        {
            db.ElevatorHealthHours.Add(new ElevatorHealthHour
            {
                ElevatorId = elevatorId,
                HourUtc = from.AddHours(h),
                DoorCycles = 10,
                Reopenings = h < reopenings ? 2 : 0,
                DoorOpening = new HealthTiming { Count = 10, SumMs = 25_000, P95Ms = 2_600 },
                DoorDwell = new HealthTiming { Count = 10, SumMs = 40_000, P95Ms = 4_100 },
                DoorClosing = new HealthTiming { Count = 10, SumMs = 10L * closingMs, P95Ms = closingMs + 200 },
                Trips = 10,
                FloorsTravelled = 30,
                TripPerFloor = new HealthTiming { Count = 10, SumMs = 25_000, P95Ms = 2_700 },
                Stops = 10,
                StopsOutsideZone = h < outsideZone ? 1 : 0,
            });
        }
    }

    private Task<int> EvaluateAsync() => _app.AsSystemAsync((sp, _) => sp.GetRequiredService<HealthEvaluator>().RunAsync(CancellationToken.None));

    private Task<List<HealthWarning>> WarningsAsync(params int[] elevatorIds) =>
        _app.AsSystemAsync((_, db) => db.HealthWarnings.AsNoTracking().Where(w => elevatorIds.Contains(w.ElevatorId)).OrderBy(w => w.Id).ToListAsync());

    private async Task CloseAsync(string userName, int warningId, string? note = null)
    {
        await using var scope = await _app.ScopeAsAsync(userName);
        await scope.ServiceProvider.GetRequiredService<HealthWarnings>().CloseAsFixedAsync(warningId, note, CancellationToken.None);
    }

    private Task<DueDecision> DueAsync(int elevatorId) => _app.AsSystemAsync(async (sp, _) =>
    {
        var settings = await sp.GetRequiredService<SystemSettingsService>().GetAsync(CancellationToken.None);
        var now = _app.Clock.GetUtcNow().UtcDateTime;
        var today = ChinaToday();
        return await sp.GetRequiredService<OnDemandPlanner>().NextDueAsync(elevatorId, now.AddDays(-3), today.AddDays(-3), now, today, settings, CancellationToken.None);
    });
}
