using Microsoft.EntityFrameworkCore;
using TiLianBang.Core.Data;
using TiLianBang.Core.Devices.Retention;
using TiLianBang.Core.Statistics;

namespace TiLianBang.Core.Devices.Recording;

/// <summary>
/// 运行统计 (MON-3): runs, running hours and door cycles per period from the collectors' cumulative counters
/// (the increase between readings, a reset starting a new series), and faults raised per period. Days up to the
/// last folded one come from the daily figures (<see cref="ElevatorDay"/>, their raw readings may be pruned), later
/// days from the raw readings; both count a reading against the one before it however old, so a period spanning
/// the cut-off shows what the raw readings alone showed.
/// </summary>
public sealed class RunningStatistics(TiLianBangDbContext db, TimeProvider clock)
{
    public async Task<IReadOnlyList<RunningPeriod>> ForElevatorAsync(
        int elevatorId, StatisticsGrouping grouping, int periods, CancellationToken cancellationToken)
    {
        var zone = clock.LocalTimeZone;
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), zone).DateTime);
        var starts = Enumerable.Range(0, Math.Clamp(periods, 1, 366))
            .Select(i => PeriodStart(grouping, today, -i))
            .Reverse()
            .ToList();
        var fromUtc = StatisticsPeriod.StartOfDayUtc(starts[0], zone);
        var foldedThrough = await DailyAggregator.FoldedThroughAsync(db, cancellationToken);
        var rawFromDay = foldedThrough is { } last && last >= starts[0] ? last.AddDays(1) : starts[0];
        var rawFromUtc = StatisticsPeriod.StartOfDayUtc(rawFromDay, zone);

        var folded = await db.ElevatorDays.AsNoTracking()
            .Where(d => d.ElevatorId == elevatorId && d.Day >= starts[0] && d.Day < rawFromDay)
            .Select(d => new { d.Day, d.Runs, d.RunHours, d.DoorCycles })
            .ToListAsync(cancellationToken);
        var readings = await db.CounterReadings.AsNoTracking()
            .Where(r => r.ElevatorId == elevatorId && r.ReceivedAtUtc >= rawFromUtc)
            .OrderBy(r => r.Id)
            .Select(r => new { r.ReceivedAtUtc, r.Runs, r.RunHours, r.DoorCycles, r.IsReset })
            .ToListAsync(cancellationToken);
        var faults = await db.ElevatorEvents.AsNoTracking()
            .Where(e => e.ElevatorId == elevatorId && e.Raised && e.Kind != FaultKind.Event && e.ReceivedAtUtc >= fromUtc)
            .Select(e => e.ReceivedAtUtc)
            .ToListAsync(cancellationToken);

        var totals = starts.ToDictionary(s => s, _ => (Runs: 0L, Hours: 0.0, Doors: 0L, Faults: 0));
        DateOnly Key(DateTime utc) => PeriodStart(grouping, DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(utc, zone)), 0);
        foreach (var day in folded)
        {
            var key = PeriodStart(grouping, day.Day, 0);
            if (totals.TryGetValue(key, out var t))
            {
                totals[key] = (t.Runs + day.Runs, t.Hours + day.RunHours, t.Doors + day.DoorCycles, t.Faults);
            }
        }
        var previous = readings.Count == 0 ? null
            : (await DailyAggregator.BaselinesAsync(db, [elevatorId], rawFromUtc, rawFromDay, cancellationToken)).GetValueOrDefault(elevatorId);
        foreach (var current in readings)
        {
            var (runs, hours, doors) = CounterBaseline.Increase(previous, current.Runs, current.RunHours, current.DoorCycles, current.IsReset);
            previous = new CounterBaseline(current.Runs, current.RunHours, current.DoorCycles);
            if (totals.TryGetValue(Key(current.ReceivedAtUtc), out var t))
            {
                totals[Key(current.ReceivedAtUtc)] = (t.Runs + runs, t.Hours + hours, t.Doors + doors, t.Faults);
            }
        }
        foreach (var at in faults)
        {
            if (totals.TryGetValue(Key(at), out var t))
            {
                totals[Key(at)] = t with { Faults = t.Faults + 1 };
            }
        }
        return starts.Select(s => new RunningPeriod(s, totals[s].Runs, Math.Round(totals[s].Hours, 2), totals[s].Doors, totals[s].Faults)).ToList();
    }

    private static DateOnly PeriodStart(StatisticsGrouping grouping, DateOnly day, int offset) => grouping switch
    {
        StatisticsGrouping.Week => day.AddDays(-(((int)day.DayOfWeek + 6) % 7)).AddDays(7 * offset),
        StatisticsGrouping.Month => new DateOnly(day.Year, day.Month, 1).AddMonths(offset),
        _ => day.AddDays(offset),
    };
}
