using Hangfire;
using Hangfire.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TiLianBang.Core.Demo;
using TiLianBang.Core.Devices.Recording;
using TiLianBang.Core.Devices.Retention;
using TiLianBang.Core.Repairs;
using TiLianBang.Core.Statistics;
using TiLianBang.Tests.Infrastructure;
using TiLianBang.Web.Hosting;

namespace TiLianBang.Tests.Retention;

/// <summary>
/// The nightly fold-and-prune on a real SQLite file. Each test has its own app: which days are folded is one
/// watermark for the whole database, so histories of different tests must not share one.
/// </summary>
public sealed class RetentionTests
{
    private static readonly int[] FaultDaysAgo = [100, 50, 40, 5];
    private static readonly int[] PeriodStarts = [-DeviceHistory.Days, -60, -45, -44, -20];
    private static readonly FaultDimension[] RatedDimensions = [FaultDimension.Elevator, FaultDimension.Brand, FaultDimension.FaultCode];

    private static async Task<(TiLianBangAppFactory App, DeviceHistory History, int[] Elevators)> WithHistoryAsync(int stateDays, int counterDays, int connectionDays, int batchSize = 50)
    {
        var app = new TiLianBangAppFactory();
        app.Clock.SetLocalTimeZone(ChinaTime.Zone);
        app.Settings["Retention:StateHistoryDays"] = stateDays.ToString(System.Globalization.CultureInfo.InvariantCulture);
        app.Settings["Retention:CounterReadingDays"] = counterDays.ToString(System.Globalization.CultureInfo.InvariantCulture);
        app.Settings["Retention:ConnectionChangeDays"] = connectionDays.ToString(System.Globalization.CultureInfo.InvariantCulture);
        app.Settings["Retention:BatchSize"] = batchSize.ToString(System.Globalization.CultureInfo.InvariantCulture);
        // A pause would wait on the fake clock for ever; the pause itself is the writer's, not the result's.
        app.Settings["Retention:BatchPause"] = "00:00:00";
        var elevators = await app.AsSystemAsync((_, db) => db.Elevators.OrderBy(e => e.Id).Select(e => e.Id).Take(3).ToArrayAsync());
        var history = DeviceHistory.For(elevators, Today(app));
        await app.AsSystemAsync(async (_, db) =>
        {
            // Stored in the order they happened, as the writer appends them.
            db.CounterReadings.AddRange(history.Counters);
            db.StateChanges.AddRange(history.States);
            db.ConnectionChanges.AddRange(history.Connections);
            db.ElevatorEvents.AddRange(history.Events);
            return await db.SaveChangesAsync();
        });
        return (app, history, elevators);
    }

    private static DateOnly Today(TiLianBangAppFactory app) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(app.Clock.GetUtcNow(), ChinaTime.Zone).DateTime);

    private static DateTime CutOff(TiLianBangAppFactory app, int days) => StatisticsPeriod.StartOfDayUtc(Today(app).AddDays(-days), ChinaTime.Zone);

    private static Task<RetentionRun> RunJobAsync(TiLianBangAppFactory app) =>
        app.AsSystemAsync((services, _) => services.GetRequiredService<RetentionJob>().RunOnceAsync(CancellationToken.None));

    private static async Task<List<RunningPeriod>> RunningFiguresAsync(TiLianBangAppFactory app, int elevatorId)
    {
        await using var scope = await app.ScopeAsAsync(DemoAccounts.PlatformAdmin);
        var statistics = scope.ServiceProvider.GetRequiredService<RunningStatistics>();
        return [
            .. await statistics.ForElevatorAsync(elevatorId, StatisticsGrouping.Day, DeviceHistory.Days + 1, default),
            .. await statistics.ForElevatorAsync(elevatorId, StatisticsGrouping.Week, 20, default),
            .. await statistics.ForElevatorAsync(elevatorId, StatisticsGrouping.Month, 6, default),
        ];
    }

    private static Task<List<ElevatorDay>> FoldedDaysAsync(TiLianBangAppFactory app) =>
        app.AsSystemAsync((_, db) => db.ElevatorDays.AsNoTracking().OrderBy(d => d.ElevatorId).ThenBy(d => d.Day).ToListAsync());

    [Fact]
    public async Task EachFoldedDayHoldsWhatItsRawRowsAddUpTo()
    {
        var (app, history, _) = await WithHistoryAsync(3650, 3650, 3650);
        await using var _ = app;

        var run = await RunJobAsync(app);

        Assert.True(run.Ran);
        Assert.Equal(DeviceHistory.Days, run.DaysFolded);
        Assert.Equal(0, run.RowsDeleted);
        var folded = (await FoldedDaysAsync(app)).ToDictionary(d => (d.ElevatorId, d.Day));
        Assert.Equal(history.Figures.Keys.OrderBy(k => k), folded.Keys.OrderBy(k => k));
        foreach (var (key, expected) in history.Figures)
        {
            var day = folded[key];
            Assert.Equal((key, expected.Runs, expected.DoorCycles, expected.Trips, expected.RunningSeconds, expected.Faults, expected.Disconnects),
                (key, day.Runs, day.DoorCycles, day.Trips, day.RunningSeconds, day.Faults, day.Disconnects));
            Assert.Equal(expected.RunHours, day.RunHours, 6);
        }
    }

    [Fact]
    public async Task PruningDeletesOnlyRowsOlderThanEachCutOffInBatches()
    {
        var (app, history, _) = await WithHistoryAsync(30, 45, 60, batchSize: 50);
        await using var _ = app;
        var (stateCut, counterCut, connectionCut) = (CutOff(app, 30), CutOff(app, 45), CutOff(app, 60));

        var run = await RunJobAsync(app);

        var left = await app.AsSystemAsync(async (_, db) => (
            States: await db.StateChanges.Where(s => s.DeviceId.StartsWith("RET")).Select(s => s.AtUtc).ToListAsync(),
            Counters: await db.CounterReadings.Where(c => c.DeviceId.StartsWith("RET")).Select(c => c.ReceivedAtUtc).ToListAsync(),
            Connections: await db.ConnectionChanges.Where(c => c.DeviceId.StartsWith("RET")).Select(c => c.AtUtc).ToListAsync(),
            Events: await db.ElevatorEvents.CountAsync(e => e.DeviceId.StartsWith("RET"))));
        Assert.Equal(history.States.Count(s => s.AtUtc >= stateCut), left.States.Count);
        Assert.All(left.States, at => Assert.True(at >= stateCut));
        Assert.Equal(history.Counters.Count(c => c.ReceivedAtUtc >= counterCut), left.Counters.Count);
        Assert.All(left.Counters, at => Assert.True(at >= counterCut));
        Assert.Equal(history.Connections.Count(c => c.AtUtc >= connectionCut), left.Connections.Count);
        Assert.All(left.Connections, at => Assert.True(at >= connectionCut));
        Assert.Equal(history.Events.Count, left.Events);
        Assert.Equal(history.States.Count(s => s.AtUtc < stateCut), run.StateChangesDeleted);
        Assert.Equal(history.Counters.Count(c => c.ReceivedAtUtc < counterCut), run.CounterReadingsDeleted);
        Assert.Equal(history.Connections.Count(c => c.AtUtc < connectionCut), run.ConnectionChangesDeleted);
        // No delete statement took more than a batch: at least one batch per 50 rows.
        Assert.True(run.Batches >= run.RowsDeleted / 50, $"{run.RowsDeleted} rows in {run.Batches} batches");
    }

    [Fact]
    public async Task ASecondRunChangesNothingAndAFoldedDayRecomputesTheSame()
    {
        var (app, _, _) = await WithHistoryAsync(30, 45, 60);
        await using var _ = app;
        await RunJobAsync(app);
        var folded = await FoldedDaysAsync(app);
        var rows = await app.AsSystemAsync(async (_, db) => (await db.StateChanges.CountAsync(), await db.CounterReadings.CountAsync(), await db.ConnectionChanges.CountAsync()));

        var again = await RunJobAsync(app);
        var yesterday = Today(app).AddDays(-1);
        await app.AsSystemAsync((services, _) => services.GetRequiredService<DailyAggregator>().FoldDayAsync(yesterday, CancellationToken.None));

        Assert.Equal((true, 0, 0L, 0), (again.Ran, again.DaysFolded, again.RowsDeleted, again.Batches));
        Assert.Equal(rows, await app.AsSystemAsync(async (_, db) => (await db.StateChanges.CountAsync(), await db.CounterReadings.CountAsync(), await db.ConnectionChanges.CountAsync())));
        Assert.Equal(Describe(folded), Describe(await FoldedDaysAsync(app)));
    }

    [Fact]
    public async Task RunningStatisticsAcrossTheCutOffAreWhatTheRawRowsGaveBeforePruning()
    {
        var (app, history, elevators) = await WithHistoryAsync(30, 45, 60);
        await using var _ = app;
        var before = new List<RunningPeriod>();
        foreach (var id in elevators)
        {
            before.AddRange(await RunningFiguresAsync(app, id));
        }

        var run = await RunJobAsync(app);

        Assert.True(run.CounterReadingsDeleted > 0 && run.CounterReadingsDeleted < history.Counters.Count);
        var after = new List<RunningPeriod>();
        foreach (var id in elevators)
        {
            after.AddRange(await RunningFiguresAsync(app, id));
        }
        Assert.Equal(before, after);
        // The reset and the days around the cut-off are in there: the figures are not all zero.
        Assert.Contains(before, p => p.Runs > 0 && p.Start < Today(app).AddDays(-45));
    }

    [Fact]
    public async Task OnDemandUsageSinceAVisitBeforeTheCutOffIsWhatTheRawReadingsGaveBeforePruning()
    {
        var (app, _, elevators) = await WithHistoryAsync(3650, 30, 3650);
        await using var _ = app;
        var today = Today(app);
        // Visits at midnight, and mid-morning (the visit's own day then counts whole once its readings are gone),
        // on days that will be pruned, on the cut-off day, and after it; history has counter resets in it.
        var midnights = new[] { -100, -61, -45, -31, -30, -10 }.Select(d => StatisticsPeriod.StartOfDayUtc(today.AddDays(d), ChinaTime.Zone)).ToArray();
        var mornings = midnights.Select(m => m.AddHours(10)).ToArray();
        Task<(long Runs, double Hours)> UsageAsync(int elevatorId, DateTime since) =>
            app.AsSystemAsync((services, _) => services.GetRequiredService<TiLianBang.Core.Maintenance.OnDemandPlanner>().UsageSinceAsync(elevatorId, since, CancellationToken.None));
        var before = new Dictionary<(int, DateTime), (long Runs, double Hours)>();
        var dayOfMorning = new Dictionary<(int, DateTime), (long Runs, double Hours)>();
        foreach (var elevatorId in elevators)
        {
            foreach (var since in midnights.Concat(mornings))
            {
                before[(elevatorId, since)] = await UsageAsync(elevatorId, since);
            }
        }

        var run = await RunJobAsync(app);
        Assert.True(run.CounterReadingsDeleted > 0);

        foreach (var elevatorId in elevators)
        {
            foreach (var since in midnights)
            {
                var (runs, hours) = await UsageAsync(elevatorId, since);
                Assert.Equal(before[(elevatorId, since)].Runs, runs);
                Assert.Equal(before[(elevatorId, since)].Hours, hours, 6);
            }
            foreach (var (morning, midnight) in mornings.Zip(midnights))
            {
                // A morning visit on a pruned day: at least what was used after it, at most what that whole day added.
                var (runs, _) = await UsageAsync(elevatorId, morning);
                Assert.InRange(runs, before[(elevatorId, morning)].Runs, before[(elevatorId, midnight)].Runs);
                if (midnight >= CutOff(app, 30))
                {
                    Assert.Equal(before[(elevatorId, morning)].Runs, runs);
                }
            }
        }
        Assert.True(before.Values.All(v => v.Runs > 0));
    }

    [Fact]
    public async Task FaultStatisticsPerThousandRunsAcrossTheCutOffAreWhatTheRawRowsGaveBeforePruning()
    {
        var (app, _, elevators) = await WithHistoryAsync(30, 45, 60);
        await using var _ = app;
        var today = Today(app);
        // Faults before the counter readings' cut-off (45 days), between it and the state history's (30), and after.
        await app.AsSystemAsync(async (_, db) =>
        {
            var n = 0;
            foreach (var id in elevators)
            {
                foreach (var daysAgo in FaultDaysAgo.Skip(n % 2))
                {
                    db.RepairOrders.Add(new RepairOrder
                    {
                        Number = $"RETFS{id}D{daysAgo}", ElevatorId = id, Source = RepairOrderSource.Device, FaultCode = 2,
                        Description = "保留期测试", State = RepairOrderState.Closed,
                        CreatedAtUtc = StatisticsPeriod.StartOfDayUtc(today.AddDays(-daysAgo), ChinaTime.Zone).AddHours(10),
                    });
                }
                n++;
            }
            return await db.SaveChangesAsync();
        });
        async Task<List<FaultGroupRow>> FiguresAsync()
        {
            await using var scope = await app.ScopeAsAsync(DemoAccounts.PlatformAdmin);
            var statistics = scope.ServiceProvider.GetRequiredService<FaultStatistics>();
            var rows = new List<FaultGroupRow>();
            // Periods that start before, on and after the cut-offs, and one inside the pruned days only.
            foreach (var from in PeriodStarts)
            {
                foreach (var dimension in RatedDimensions)
                {
                    var result = await statistics.GetAsync(new FaultStatisticsQuery(new StatisticsPeriod(today.AddDays(from), today.AddDays(-1)), dimension, 50), default);
                    rows.AddRange(result.Rows);
                }
            }
            var pruned = await statistics.GetAsync(new FaultStatisticsQuery(new StatisticsPeriod(today.AddDays(-110), today.AddDays(-46)), FaultDimension.Elevator, 50), default);
            // Only days whose readings the prune deletes: after it, their runs come from the folded days alone.
            Assert.Contains(pruned.Rows, r => r.Runs > 0 && r.PerThousandRuns > 0);
            rows.AddRange(pruned.Rows);
            return rows;
        }
        var before = await FiguresAsync();

        var run = await RunJobAsync(app);

        Assert.True(run.CounterReadingsDeleted > 0);
        Assert.Equal(before, await FiguresAsync());
        // The rate is there to compare: runs were counted, and faults of these elevators fell on both sides of the cut-off.
        Assert.Contains(before, r => elevators.Select(e => e.ToString(System.Globalization.CultureInfo.InvariantCulture)).Contains(r.Key) && r.Runs > 0 && r.PerThousandRuns > 0);
    }

    [Fact]
    public async Task TheJobIsANightlyRecurringJob()
    {
        await using var app = new TiLianBangAppFactory();
        using var connection = app.Services.GetRequiredService<JobStorage>().GetConnection();

        var job = Assert.Single(connection.GetRecurringJobs(), j => j.Id == BackgroundJobsExtensions.RetentionJobId);

        Assert.Equal(Cron.Daily(3), job.Cron);
        Assert.Equal(nameof(RetentionJob.RunOnceAsync), job.Job.Method.Name);
    }

    [Fact]
    public async Task HealthHoursAndLandingDaysOlderThanTheirDaysGoTheRestStay()
    {
        await using var app = new TiLianBangAppFactory();
        app.Clock.SetLocalTimeZone(ChinaTime.Zone);
        app.Settings["Retention:HealthHourDays"] = "60";
        app.Settings["Retention:BatchSize"] = "7";
        app.Settings["Retention:BatchPause"] = "00:00:00";
        var cut = CutOff(app, 60);
        var elevator = await app.AsSystemAsync((_, db) => db.Elevators.OrderBy(e => e.Id).Select(e => e.Id).FirstAsync());
        // One hour a day for 80 days, the last of them the hour before the cut-off and the first after it.
        var hours = Enumerable.Range(0, 80).Select(d => cut.AddDays(d - 40).AddHours(-1)).Append(cut).ToList();
        // Landing days serve the landings' baseline (Health:BaselineDays, 30) and two weeks more: 80 days around that cut.
        var landingCut = Today(app).AddDays(-30 - RetentionJob.LandingDaysBeyondBaseline);
        var days = Enumerable.Range(0, 80).Select(d => landingCut.AddDays(d - 40)).ToList();
        await app.AsSystemAsync((_, db) =>
        {
            db.ElevatorHealthHours.AddRange(hours.Select(h => new Core.Health.ElevatorHealthHour { ElevatorId = elevator, HourUtc = h, DoorCycles = 1 }));
            db.ElevatorLandingDays.AddRange(days.SelectMany(d => Enumerable.Range(0, 2).Select(i => new Core.Health.ElevatorLandingDay { ElevatorId = elevator, Day = d, Landing = 1 + 6 * i, DoorCycles = 1 })));
            return db.SaveChangesAsync();
        });

        var run = await RunJobAsync(app);

        Assert.Equal(hours.Count(h => h < cut), run.HealthHoursDeleted);
        var left = await app.AsSystemAsync((_, db) => db.ElevatorHealthHours.Where(h => h.ElevatorId == elevator).Select(h => h.HourUtc).ToListAsync());
        Assert.Equal(hours.Where(h => h >= cut).Order(), left.Order());
        Assert.Equal(2 * days.Count(d => d < landingCut), run.LandingDaysDeleted);
        var landingsLeft = await app.AsSystemAsync((_, db) => db.ElevatorLandingDays.Where(d => d.ElevatorId == elevator && d.Landing == 7).Select(d => d.Day).ToListAsync());
        Assert.Equal(days.Where(d => d >= landingCut).Order(), landingsLeft.Order());
        Assert.True(run.Batches >= 6);
    }

    [Fact]
    public async Task TooFewHealthHourDaysStopTheStart()
    {
        await using var app = new TiLianBangAppFactory();
        app.Settings["Retention:HealthHourDays"] = "30";

        var error = Record.Exception(() => app.Services);

        Assert.NotNull(error);
        Assert.Contains("Retention:HealthHourDays is 30: it must be at least 60 days", error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("StateHistoryDays", "0")]
    [InlineData("CounterReadingDays", "-5")]
    [InlineData("ConnectionChangeDays", "0")]
    public async Task ZeroOrNegativeDaysStopTheStartWithTheKeyToFix(string key, string value)
    {
        await using var app = new TiLianBangAppFactory();
        app.Settings[$"Retention:{key}"] = value;

        var error = Record.Exception(() => app.Services);

        Assert.NotNull(error);
        Assert.Contains($"Retention:{key} is {value}: it must be at least 1 day", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void TheDefaultsKeepNinetyDaysOfStateHistory()
    {
        var defaults = new RetentionOptions();

        Assert.Equal(90, defaults.StateHistoryDays);
        Assert.True(new RetentionOptionsValidator().Validate(null, defaults).Succeeded);
        Assert.False(new RetentionOptionsValidator().Validate(null, new RetentionOptions { BatchSize = 0 }).Succeeded);
    }

    private static List<string> Describe(List<ElevatorDay> days) =>
        days.Select(d => $"{d.ElevatorId} {d.Day} {d.Runs} {d.RunHours:R} {d.DoorCycles} {d.CounterReadings} {d.FirstRuns} {d.LastRuns} {d.LastRunHours:R} {d.LastDoorCycles} {d.Trips} {d.RunningSeconds:R} {d.StateChanges} {d.Faults} {d.Disconnects}").ToList();
}
