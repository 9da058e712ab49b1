using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TiLianBang.Core.Cluster;
using TiLianBang.Core.Data;
using TiLianBang.Core.Health;

namespace TiLianBang.Core.Devices.Retention;

/// <summary>
/// The nightly retention pass (Hangfire job <c>device-retention</c>): first folds every finished day into
/// <see cref="ElevatorDay"/> rows, then deletes raw rows older than each table's retention, never a day that is not
/// folded yet. Deletes go in batches of <see cref="RetentionOptions.BatchSize"/> rows, each its own short
/// transaction with a pause after it, so the record writer (one writer on SQLite) waits at most one batch.
/// Running it again the same day folds and deletes nothing.
/// </summary>
public sealed partial class RetentionJob(
    TiLianBangDbContext db,
    DailyAggregator aggregator,
    ClusterLease lease,
    TimeProvider clock,
    IOptions<RetentionOptions> options,
    IOptions<HealthOptions> health,
    ILogger<RetentionJob> logger)
{
    public const string JobId = "device-retention";
    public const string LeaseName = "device-retention";

    /// <summary>Days a landing day is kept beyond <see cref="HealthOptions.BaselineDays"/>.</summary>
    public const int LandingDaysBeyondBaseline = 14;

    /// <summary>
    /// Elevators per delete statement: their (ElevatorId, time) index serves it (there is no index on time alone),
    /// and taking the batch in that index's order lets the database stop after the batch instead of sorting every
    /// old row of the chunk first (ordered by Id, SQLite built a temporary tree of all of them for each batch).
    /// </summary>
    private const int ElevatorsPerDelete = 200;

    public async Task<RetentionRun> RunOnceAsync(CancellationToken cancellationToken)
    {
        var result = RetentionRun.Busy;
        await lease.RunExclusiveAsync(LeaseName, TimeSpan.FromMinutes(10), async ct => result = await RunAsync(ct), cancellationToken);
        return result;
    }

    private async Task<RetentionRun> RunAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var folded = await aggregator.FoldPendingDaysAsync(cancellationToken);
        var elevators = await db.Elevators.IgnoreQueryFilters().AsNoTracking().OrderBy(e => e.Id).Select(e => e.Id).ToListAsync(cancellationToken);
        var batches = 0;
        var healthCut = aggregator.StartOfDayUtc(aggregator.Today.AddDays(-settings.HealthHourDays));
        var healthHours = await DeleteAsync(elevators, chunk => db.ElevatorHealthHours.IgnoreQueryFilters()
            .Where(h => chunk.Contains(h.ElevatorId) && h.HourUtc < healthCut).OrderBy(h => h.ElevatorId).ThenBy(h => h.HourUtc), cancellationToken);
        // Landing days serve only the landings' drift check (and its evidence): its baseline and two weeks to spare.
        var landingCut = aggregator.Today.AddDays(-health.Value.BaselineDays - LandingDaysBeyondBaseline);
        var landingDays = await DeleteAsync(elevators, chunk => db.ElevatorLandingDays.IgnoreQueryFilters()
            .Where(d => chunk.Contains(d.ElevatorId) && d.Day < landingCut).OrderBy(d => d.ElevatorId).ThenBy(d => d.Day), cancellationToken);
        var through = await DailyAggregator.FoldedThroughAsync(db, cancellationToken);
        if (through is null)
        {
            return new RetentionRun(true, folded, 0, 0, 0, batches) { HealthHoursDeleted = healthHours, LandingDaysDeleted = landingDays };
        }
        DateTime CutOff(int days)
        {
            var keepFrom = aggregator.Today.AddDays(-days);
            var firstUnfolded = through.Value.AddDays(1);
            return aggregator.StartOfDayUtc(keepFrom < firstUnfolded ? keepFrom : firstUnfolded);
        }
        var stateCut = CutOff(settings.StateHistoryDays);
        var states = await DeleteAsync(elevators, chunk => db.StateChanges.IgnoreQueryFilters()
            .Where(s => chunk.Contains(s.ElevatorId) && s.AtUtc < stateCut).OrderBy(s => s.ElevatorId).ThenBy(s => s.AtUtc), cancellationToken);

        var counterCut = CutOff(settings.CounterReadingDays);
        var counters = await DeleteAsync(elevators, chunk => db.CounterReadings.IgnoreQueryFilters()
            .Where(r => r.ElevatorId != null && chunk.Contains(r.ElevatorId.Value) && r.ReceivedAtUtc < counterCut).OrderBy(r => r.ElevatorId).ThenBy(r => r.ReceivedAtUtc), cancellationToken);
        // Readings of collectors bound to no elevator count nowhere; they go at the same age.
        counters += await DeleteAsync([0], _ => db.CounterReadings.IgnoreQueryFilters()
            .Where(r => r.ElevatorId == null && r.ReceivedAtUtc < counterCut).OrderBy(r => r.ElevatorId).ThenBy(r => r.ReceivedAtUtc), cancellationToken);

        var connectionCut = CutOff(settings.ConnectionChangeDays);
        var connections = await DeleteAsync(elevators, chunk => db.ConnectionChanges.IgnoreQueryFilters()
            .Where(c => c.ElevatorId != null && chunk.Contains(c.ElevatorId.Value) && c.AtUtc < connectionCut).OrderBy(c => c.ElevatorId).ThenBy(c => c.AtUtc), cancellationToken);
        connections += await DeleteAsync([0], _ => db.ConnectionChanges.IgnoreQueryFilters()
            .Where(c => c.ElevatorId == null && c.AtUtc < connectionCut).OrderBy(c => c.ElevatorId).ThenBy(c => c.AtUtc), cancellationToken);

        var run = new RetentionRun(true, folded, states, counters, connections, batches) { HealthHoursDeleted = healthHours, LandingDaysDeleted = landingDays };
        LogRun(logger, folded, through.Value, states, counters, connections, healthHours, landingDays, batches);
        return run;

        async Task<long> DeleteAsync<T>(List<int> ids, Func<int[], IQueryable<T>> old, CancellationToken ct)
        {
            long deleted = 0;
            foreach (var chunk in ids.Chunk(ElevatorsPerDelete))
            {
                while (true)
                {
                    var n = await old(chunk).Take(settings.BatchSize).ExecuteDeleteAsync(ct);
                    deleted += n;
                    if (n == 0)
                    {
                        break;
                    }
                    batches++;
                    if (settings.BatchPause > TimeSpan.Zero)
                    {
                        await Task.Delay(settings.BatchPause, clock, ct);
                    }
                    if (n < settings.BatchSize)
                    {
                        break;
                    }
                }
            }
            return deleted;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention: folded {Days} days (through {Through}), deleted {States} state changes, {Counters} counter readings, {Connections} connection changes, {HealthHours} health hours, {LandingDays} landing days in {Batches} batches")]
    private static partial void LogRun(ILogger logger, int days, DateOnly through, long states, long counters, long connections, long healthHours, long landingDays, int batches);
}
