using Microsoft.EntityFrameworkCore;
using TiLianBang.Core.Data;

namespace TiLianBang.Core.Devices.Recording;

/// <summary>
/// 运行统计 (MON-3): runs, running hours and door cycles per period from the collectors' cumulative counters
/// (the increase between readings, a reset starting a new series), and faults raised per period.
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
        var fromUtc = TimeZoneInfo.ConvertTimeToUtc(starts[0].ToDateTime(TimeOnly.MinValue), zone);

        var readings = await db.CounterReadings.AsNoTracking()
            .Where(r => r.ElevatorId == elevatorId && r.ReceivedAtUtc >= fromUtc.AddDays(-1))
            .OrderBy(r => r.Id)
            .Select(r => new { r.ReceivedAtUtc, r.Runs, r.RunHours, r.DoorCycles, r.IsReset })
            .ToListAsync(cancellationToken);
        var faults = await db.ElevatorEvents.AsNoTracking()
            .Where(e => e.ElevatorId == elevatorId && e.Raised && e.Kind != FaultKind.Event && e.ReceivedAtUtc >= fromUtc)
            .Select(e => e.ReceivedAtUtc)
            .ToListAsync(cancellationToken);

        var totals = starts.ToDictionary(s => s, _ => (Runs: 0L, Hours: 0.0, Doors: 0L, Faults: 0));
        DateOnly Key(DateTime utc) => PeriodStart(grouping, DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(utc, zone)), 0);
        for (var i = 1; i < readings.Count; i++)
        {
            var (previous, current) = (readings[i - 1], readings[i]);
            if (current.ReceivedAtUtc < fromUtc || !totals.TryGetValue(Key(current.ReceivedAtUtc), out var t))
            {
                continue;
            }
            // After a reset the counters start again from zero: what they show is what happened since.
            totals[Key(current.ReceivedAtUtc)] = current.IsReset
                ? (t.Runs + current.Runs, t.Hours + current.RunHours, t.Doors + current.DoorCycles, t.Faults)
                : (t.Runs + current.Runs - previous.Runs, t.Hours + current.RunHours - previous.RunHours, t.Doors + current.DoorCycles - previous.DoorCycles, t.Faults);
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
