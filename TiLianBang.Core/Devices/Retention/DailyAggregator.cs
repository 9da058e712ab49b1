using Microsoft.EntityFrameworkCore;
using TiLianBang.Core.Data;
using TiLianBang.Core.Devices.Recording;
using TiLianBang.Core.Statistics;

namespace TiLianBang.Core.Devices.Retention;

/// <summary>
/// Folds a local day's raw device rows into one <see cref="ElevatorDay"/> per elevator. A day is written whole in
/// one transaction (its old rows replaced), so the latest folded day is also the watermark up to which figures may
/// be read from the folds; days are folded in order and only once they are over.
/// </summary>
public sealed class DailyAggregator(TiLianBangDbContext db, TimeProvider clock)
{
    /// <summary>Elevators read per query: bounded memory for a day of 5,000 elevators' rows.</summary>
    private const int ElevatorsPerChunk = 250;

    /// <summary>The last folded day (the same for every elevator), or null before the first fold.</summary>
    public static Task<DateOnly?> FoldedThroughAsync(TiLianBangDbContext db, CancellationToken cancellationToken) =>
        db.ElevatorDays.IgnoreQueryFilters().MaxAsync(d => (DateOnly?)d.Day, cancellationToken);

    public DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), clock.LocalTimeZone).DateTime);

    public DateTime StartOfDayUtc(DateOnly day) => StatisticsPeriod.StartOfDayUtc(day, clock.LocalTimeZone);

    /// <summary>Folds every finished day after the last folded one (or from the oldest raw row); returns the days folded.</summary>
    public async Task<int> FoldPendingDaysAsync(CancellationToken cancellationToken)
    {
        var last = await FoldedThroughAsync(db, cancellationToken);
        var first = last?.AddDays(1) ?? await OldestRawDayAsync(cancellationToken);
        var yesterday = Today.AddDays(-1);
        var folded = 0;
        for (var day = first; day is not null && day <= yesterday; day = day.Value.AddDays(1))
        {
            await FoldDayAsync(day.Value, cancellationToken);
            folded++;
        }
        return folded;
    }

    /// <summary>Computes and replaces the day's figures; running it again on the same raw rows writes the same figures.</summary>
    public async Task<int> FoldDayAsync(DateOnly day, CancellationToken cancellationToken)
    {
        var elevators = await db.Elevators.IgnoreQueryFilters().AsNoTracking().OrderBy(e => e.Id).Select(e => e.Id).ToListAsync(cancellationToken);
        var rows = new List<ElevatorDay>();
        foreach (var chunk in elevators.Chunk(ElevatorsPerChunk))
        {
            rows.AddRange(await ComputeAsync(chunk, day, cancellationToken));
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.ElevatorDays.IgnoreQueryFilters().Where(d => d.Day == day).ExecuteDeleteAsync(cancellationToken);
        db.ElevatorDays.AddRange(rows);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return rows.Count;
    }

    private async Task<List<ElevatorDay>> ComputeAsync(int[] chunk, DateOnly day, CancellationToken cancellationToken)
    {
        var (fromUtc, toUtc) = (StartOfDayUtc(day), StartOfDayUtc(day.AddDays(1)));
        var figures = new Dictionary<int, ElevatorDay>();
        ElevatorDay Of(int elevatorId) =>
            figures.TryGetValue(elevatorId, out var d) ? d : figures[elevatorId] = new ElevatorDay { ElevatorId = elevatorId, Day = day };

        var readings = await db.CounterReadings.IgnoreQueryFilters().AsNoTracking()
            .Where(r => r.ElevatorId != null && chunk.Contains(r.ElevatorId.Value) && r.ReceivedAtUtc >= fromUtc && r.ReceivedAtUtc < toUtc)
            .OrderBy(r => r.Id)
            .Select(r => new { ElevatorId = r.ElevatorId!.Value, r.Runs, r.RunHours, r.DoorCycles, r.IsReset })
            .ToListAsync(cancellationToken);
        var withReadings = readings.Select(r => r.ElevatorId).Distinct().ToArray();
        var baselines = await BaselinesAsync(db, withReadings, fromUtc, day, cancellationToken);
        foreach (var reading in readings)
        {
            var d = Of(reading.ElevatorId);
            var (runs, hours, doors) = CounterBaseline.Increase(baselines.GetValueOrDefault(reading.ElevatorId), reading.Runs, reading.RunHours, reading.DoorCycles, reading.IsReset);
            d.Runs += runs;
            d.RunHours += hours;
            d.DoorCycles += doors;
            d.CounterReadings++;
            d.FirstRuns ??= reading.Runs;
            (d.LastRuns, d.LastRunHours, d.LastDoorCycles) = (reading.Runs, reading.RunHours, reading.DoorCycles);
            baselines[reading.ElevatorId] = new CounterBaseline(reading.Runs, reading.RunHours, reading.DoorCycles);
        }

        var states = await db.StateChanges.IgnoreQueryFilters().AsNoTracking()
            .Where(s => chunk.Contains(s.ElevatorId) && s.AtUtc >= fromUtc && s.AtUtc < toUtc)
            .OrderBy(s => s.AtUtc).ThenBy(s => s.Id)
            .Select(s => new { s.ElevatorId, s.Running, s.AtUtc })
            .ToListAsync(cancellationToken);
        var withStates = states.Select(s => s.ElevatorId).Distinct().ToArray();
        // Running at midnight means the trip began the day before: its time today counts from midnight, the trip does not.
        var runningSince = (await db.Elevators.IgnoreQueryFilters().AsNoTracking()
                .Where(e => withStates.Contains(e.Id))
                .Select(e => new
                {
                    e.Id,
                    Running = db.StateChanges.IgnoreQueryFilters().Where(s => s.ElevatorId == e.Id && s.AtUtc < fromUtc)
                        .OrderByDescending(s => s.AtUtc).ThenByDescending(s => s.Id).Select(s => (bool?)s.Running).FirstOrDefault(),
                })
                .ToListAsync(cancellationToken))
            .Where(e => e.Running == true)
            .ToDictionary(e => e.Id, _ => (DateTime?)fromUtc);
        foreach (var state in states)
        {
            var d = Of(state.ElevatorId);
            d.StateChanges++;
            var since = runningSince.GetValueOrDefault(state.ElevatorId);
            if (state.Running && since is null)
            {
                d.Trips++;
                runningSince[state.ElevatorId] = state.AtUtc;
            }
            else if (!state.Running && since is { } started)
            {
                d.RunningSeconds += (state.AtUtc - started).TotalSeconds;
                runningSince[state.ElevatorId] = null;
            }
        }
        foreach (var (elevatorId, since) in runningSince)
        {
            if (since is { } started && figures.ContainsKey(elevatorId))
            {
                Of(elevatorId).RunningSeconds += (toUtc - started).TotalSeconds;
            }
        }

        var faults = await db.ElevatorEvents.IgnoreQueryFilters().AsNoTracking()
            .Where(e => e.ElevatorId != null && chunk.Contains(e.ElevatorId.Value) && e.Raised && e.Kind != FaultKind.Event
                && e.ReceivedAtUtc >= fromUtc && e.ReceivedAtUtc < toUtc)
            .GroupBy(e => e.ElevatorId!.Value)
            .Select(g => new { ElevatorId = g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken);
        foreach (var f in faults)
        {
            Of(f.ElevatorId).Faults = f.Count;
        }
        var disconnects = await db.ConnectionChanges.IgnoreQueryFilters().AsNoTracking()
            .Where(c => c.ElevatorId != null && chunk.Contains(c.ElevatorId.Value) && !c.Online && c.AtUtc >= fromUtc && c.AtUtc < toUtc)
            .GroupBy(c => c.ElevatorId!.Value)
            .Select(g => new { ElevatorId = g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken);
        foreach (var c in disconnects)
        {
            Of(c.ElevatorId).Disconnects = c.Count;
        }
        return [.. figures.Values];
    }

    /// <summary>
    /// Per elevator the counters before <paramref name="beforeUtc"/>: the latest raw reading (one index seek per
    /// counter), else the closing counters of the latest folded day before <paramref name="beforeDay"/>.
    /// </summary>
    public static async Task<Dictionary<int, CounterBaseline?>> BaselinesAsync(
        TiLianBangDbContext db, int[] elevatorIds, DateTime beforeUtc, DateOnly beforeDay, CancellationToken cancellationToken)
    {
        if (elevatorIds.Length == 0)
        {
            return [];
        }
        var earlier = db.CounterReadings.IgnoreQueryFilters().Where(r => r.ReceivedAtUtc < beforeUtc);
        var raw = await db.Elevators.IgnoreQueryFilters().AsNoTracking()
            .Where(e => elevatorIds.Contains(e.Id))
            .Select(e => new
            {
                e.Id,
                Runs = earlier.Where(r => r.ElevatorId == e.Id).OrderByDescending(r => r.ReceivedAtUtc).ThenByDescending(r => r.Id).Select(r => (long?)r.Runs).FirstOrDefault(),
                Hours = earlier.Where(r => r.ElevatorId == e.Id).OrderByDescending(r => r.ReceivedAtUtc).ThenByDescending(r => r.Id).Select(r => (double?)r.RunHours).FirstOrDefault(),
                Doors = earlier.Where(r => r.ElevatorId == e.Id).OrderByDescending(r => r.ReceivedAtUtc).ThenByDescending(r => r.Id).Select(r => (long?)r.DoorCycles).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        var result = raw.ToDictionary(r => r.Id, r => r.Runs is null ? null : (CounterBaseline?)new CounterBaseline(r.Runs.Value, r.Hours!.Value, r.Doors!.Value));
        var pruned = result.Where(r => r.Value is null).Select(r => r.Key).ToArray();
        if (pruned.Length > 0)
        {
            var folded = db.ElevatorDays.IgnoreQueryFilters().Where(d => d.Day < beforeDay && d.LastRuns != null);
            var closing = await db.Elevators.IgnoreQueryFilters().AsNoTracking()
                .Where(e => pruned.Contains(e.Id))
                .Select(e => new
                {
                    e.Id,
                    Last = folded.Where(d => d.ElevatorId == e.Id).OrderByDescending(d => d.Day)
                        .Select(d => new { d.LastRuns, d.LastRunHours, d.LastDoorCycles }).FirstOrDefault(),
                })
                .ToListAsync(cancellationToken);
            foreach (var c in closing.Where(c => c.Last is not null))
            {
                result[c.Id] = new CounterBaseline(c.Last!.LastRuns!.Value, c.Last.LastRunHours!.Value, c.Last.LastDoorCycles!.Value);
            }
        }
        return result;
    }

    private async Task<DateOnly?> OldestRawDayAsync(CancellationToken cancellationToken)
    {
        // The first row by key is the oldest (rows are appended as they arrive): one seek per table, no scan.
        var oldest = new[]
        {
            await db.CounterReadings.IgnoreQueryFilters().OrderBy(r => r.Id).Select(r => (DateTime?)r.ReceivedAtUtc).FirstOrDefaultAsync(cancellationToken),
            await db.StateChanges.IgnoreQueryFilters().OrderBy(s => s.Id).Select(s => (DateTime?)s.AtUtc).FirstOrDefaultAsync(cancellationToken),
            await db.ConnectionChanges.IgnoreQueryFilters().OrderBy(c => c.Id).Select(c => (DateTime?)c.AtUtc).FirstOrDefaultAsync(cancellationToken),
        }.Where(t => t is not null).Min();
        return oldest is { } utc
            ? DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), clock.LocalTimeZone))
            : null;
    }
}
