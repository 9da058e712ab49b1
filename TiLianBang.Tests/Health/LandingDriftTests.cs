using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TiLianBang.Core.Common;
using TiLianBang.Core.Statistics;
using TiLianBang.Core.Demo;
using TiLianBang.Core.Health;
using TiLianBang.Core.Localization;
using TiLianBang.Core.Notifications;
using TiLianBang.Tests.Infrastructure;

namespace TiLianBang.Tests.Health;

/// <summary>
/// Issue 21.2 per landing: a worn landing door (层门) slows the door at its own landing only, which the elevator's
/// figures average away. Each landing is judged by the day against its own baseline; a warning names the landing,
/// unless most landings drift together (the car's own door, told by the elevator's warning).
/// </summary>
public sealed class LandingDriftTests(NoBackgroundLoopsAppFactory app) : IClassFixture<NoBackgroundLoopsAppFactory>
{
    private const int Landings = 5;

    [Fact]
    public async Task AWornLandingDoorRaisesOneWarningNamingItsLandingAndIsWatchedAfterTheFix()
    {
        var (worn, car, young) = (await ElevatorAsync(1), await ElevatorAsync(2), await ElevatorAsync(3));
        var judged = Yesterday();
        foreach (var elevator in new[] { worn, car, young })
        {
            await SeedBaselineAsync(elevator.Id, judged, days: elevator == young ? 6 : 30);
        }
        // Landing 4's door closes in 4.2 s, the others as always; in the second elevator every landing's does.
        await SeedDayAsync(worn.Id, judged, landing => landing == 4 ? 4_200 : 3_000);
        await SeedDayAsync(car.Id, judged, _ => 4_200);
        await SeedDayAsync(young.Id, judged, landing => landing == 2 ? 6_000 : 3_000);

        Assert.Equal(1, await EvaluateAsync());

        var warning = Assert.Single(await WarningsAsync(worn.Id, car.Id, young.Id));
        Assert.Equal((worn.Id, HealthMetric.DoorClosingTime, 4, HealthWarningStatus.Open), (warning.ElevatorId, warning.Metric, warning.Landing, warning.Status));
        Assert.Equal((3_000, 4_200, StatisticsPeriod.StartOfDayUtc(judged, app.Clock.LocalTimeZone)), (warning.Baseline, warning.Observed, warning.DriftSinceUtc));
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var text = HealthWarningText.Describe(warning, now);
        Assert.Equal("第 4 层站：关门时间较基线增加 40 %，已持续 1 天（基线 3.0 秒，近期 4.2 秒）", text);
        Assert.Equal("Landing 4: Door closing time 40 % above its baseline for 1 day(s) (baseline 3.0 s, recently 4.2 s)",
            CoreTexts.Show(text, CultureInfo.GetCultureInfo("en")));

        // The reviewers are told which landing; the elevator as a whole has no warning (its mean hardly moved).
        var told = await app.AsSystemAsync((_, db) => db.Notifications.AsNoTracking()
            .Where(n => n.Title == "健康预警 " + worn.Number && n.Channel == NotificationChannel.InApp).Select(n => n.Body).ToListAsync());
        Assert.NotEmpty(told);
        Assert.All(told, body => Assert.Contains("第 4 层站：关门时间较基线增加 40 %", body, StringComparison.Ordinal));
        Assert.Equal(0, await app.AsSystemAsync((sp, _) => sp.GetRequiredService<HealthEvaluator>().RunAsync(CancellationToken.None)));
        Assert.Single(await WarningsAsync(worn.Id));

        // The health tab shows the landing drifting and the others not.
        var health = await HealthAsync(DemoAccounts.MaintenanceManager, worn.Id);
        Assert.Equal(Enumerable.Range(1, Landings), health.Landings.Select(l => l.Landing));
        Assert.Equal([4], health.Landings.Where(l => l.Metrics.Single(m => m.Metric == HealthMetric.DoorClosingTime).Judgement?.Drifting == true).Select(l => l.Landing));
        Assert.Equal(4, Assert.Single(health.Warnings).Landing);

        // Judged again the same day: nothing new, nobody told twice.
        app.Clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(0, await EvaluateAsync());
        Assert.Single(await WarningsAsync(worn.Id, car.Id, young.Id));

        // The landing door is fixed; the first whole day after the fix is back to 3.0 s: recovered.
        await using (var scope = await app.ScopeAsAsync(DemoAccounts.MaintenanceWorker))
        {
            await scope.ServiceProvider.GetRequiredService<HealthWarnings>().CloseAsFixedAsync(warning.Id, "更换层门滑块", CancellationToken.None);
        }
        Assert.Equal(0, await EvaluateAsync());
        Assert.Equal(HealthWarningStatus.Watching, Assert.Single(await WarningsAsync(worn.Id)).Status);
        app.Clock.Advance(TimeSpan.FromDays(2));
        await SeedDayAsync(worn.Id, Yesterday(), _ => 3_000);
        Assert.Equal(0, await EvaluateAsync());
        Assert.Equal(HealthWarningStatus.Recovered, Assert.Single(await WarningsAsync(worn.Id)).Status);
    }

    [Fact]
    public async Task AnotherCompanySeesNeitherTheElevatorsHealthNorItsLandingDays()
    {
        var elevator = await ElevatorAsync(4);
        await SeedBaselineAsync(elevator.Id, Yesterday(), days: 31);

        var other = await Assert.ThrowsAsync<DomainException>(() => HealthAsync(DemoAccounts.OtherMaintenanceManager, elevator.Id));
        Assert.Equal(DomainErrorKind.NotFound, other.Kind);
        Assert.Equal(31 * Landings, await LandingDaysSeenByAsync(DemoAccounts.MaintenanceManager, elevator.Id));
        Assert.Equal(0, await LandingDaysSeenByAsync(DemoAccounts.OtherMaintenanceManager, elevator.Id));
    }

    private async Task<int> LandingDaysSeenByAsync(string userName, int elevatorId)
    {
        await using var scope = await app.ScopeAsAsync(userName);
        return await scope.ServiceProvider.GetRequiredService<Core.Data.TiLianBangDbContext>().ElevatorLandingDays.CountAsync(d => d.ElevatorId == elevatorId);
    }

    private DateOnly Yesterday() => app.Clock.Today().AddDays(-1);

    private Task<(int Id, string Number)> ElevatorAsync(int index) => app.AsSystemAsync(async (_, db) =>
    {
        var collector = await DemoCollector.OfElevatorAsync(app, index);
        var number = await db.Elevators.Where(e => e.Id == collector.ElevatorId).Select(e => e.Number).SingleAsync();
        return (collector.ElevatorId, number);
    });

    /// <summary>The days before the judged one: every landing's door closes in 3.0 s, 24 times a day.</summary>
    private Task<int> SeedBaselineAsync(int elevatorId, DateOnly judged, int days) => app.AsSystemAsync(async (_, db) =>
    {
        for (var day = 1; day <= days; day++)
        {
            db.ElevatorLandingDays.AddRange(Day(elevatorId, judged.AddDays(-day), _ => 3_000));
        }
        return await db.SaveChangesAsync();
    });

    private Task<int> SeedDayAsync(int elevatorId, DateOnly day, Func<int, int> closingMs) => app.AsSystemAsync((_, db) =>
    {
        db.ElevatorLandingDays.AddRange(Day(elevatorId, day, closingMs));
        return db.SaveChangesAsync();
    });

    private static IEnumerable<ElevatorLandingDay> Day(int elevatorId, DateOnly day, Func<int, int> closingMs) =>
        Enumerable.Range(1, Landings).Select(landing => new ElevatorLandingDay
        {
            ElevatorId = elevatorId, Day = day, Landing = landing,
            DoorCycles = 24, ClosingCount = 24, ClosingSumMs = 24L * closingMs(landing), OpeningCount = 24, OpeningSumMs = 24 * 2_500,
            Stops = 24,
        });

    private Task<int> EvaluateAsync() => app.AsSystemAsync((sp, _) => sp.GetRequiredService<HealthEvaluator>().RunLandingsAsync(CancellationToken.None));

    private Task<List<HealthWarning>> WarningsAsync(params int[] elevatorIds) =>
        app.AsSystemAsync((_, db) => db.HealthWarnings.AsNoTracking().Where(w => elevatorIds.Contains(w.ElevatorId)).OrderBy(w => w.Id).ToListAsync());

    private async Task<ElevatorHealth> HealthAsync(string userName, int elevatorId)
    {
        await using var scope = await app.ScopeAsAsync(userName);
        return await scope.ServiceProvider.GetRequiredService<HealthQueries>().ElevatorAsync(elevatorId, 30, CancellationToken.None);
    }
}
