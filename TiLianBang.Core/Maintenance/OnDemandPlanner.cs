using System.Globalization;
using Microsoft.EntityFrameworkCore;
using TiLianBang.Core.Common;
using TiLianBang.Core.Data;
using TiLianBang.Core.Devices;
using TiLianBang.Core.Devices.Retention;
using TiLianBang.Core.Health;
using TiLianBang.Core.Settings;

namespace TiLianBang.Core.Maintenance;

/// <summary>
/// 按需维保 (MNT-4): the next visit of an IoT-monitored elevator follows how much it has run since its last visit
/// (runs and running hours from the collector's counters) and how often it failed, and never comes later than
/// the configured maximum interval. An open health warning (drift from the elevator's own baseline) makes it due now.
/// When the usage threshold is not reached yet, the day it will be is projected
/// from the usage rate since the last visit, so the due date moves as the counters move.
/// </summary>
public sealed class OnDemandPlanner(TiLianBangDbContext db, TimeProvider clock)
{
    public async Task<DueDecision> NextDueAsync(
        int elevatorId, DateTime lastVisitUtc, DateOnly lastVisitDay, DateTime nowUtc, DateOnly today, SystemSettings settings, CancellationToken cancellationToken)
    {
        var latest = lastVisitDay.AddDays(settings.OnDemandMaxIntervalDays);
        var (runs, hours) = await UsageSinceAsync(elevatorId, lastVisitUtc, cancellationToken);
        var faults = await db.ElevatorEvents.AsNoTracking()
            .CountAsync(e => e.ElevatorId == elevatorId && e.Raised && e.Kind != FaultKind.Event && e.ReceivedAtUtc > lastVisitUtc, cancellationToken);

        // A health warning nobody has fixed yet is a reason to go now, in its own plain words.
        var warnings = await db.HealthWarnings.AsNoTracking()
            .Where(w => w.ElevatorId == elevatorId && w.Status == HealthWarningStatus.Open)
            .OrderByDescending(w => w.ChangePercent)
            .ToListAsync(cancellationToken);
        if (warnings.Count > 0)
        {
            var worst = HealthWarningText.Describe(warnings[0], nowUtc);
            return Now(today, latest, warnings.Count == 1 ? $"健康预警：{worst}" : Text($"健康预警：{worst}（另有 {warnings.Count - 1} 项预警）"));
        }
        if (faults >= settings.OnDemandFaultThreshold)
        {
            return Now(today, latest, $"上次保养后故障 {faults} 次（阈值 {settings.OnDemandFaultThreshold} 次）");
        }
        if (runs >= settings.OnDemandRunsThreshold)
        {
            return Now(today, latest, Text($"上次保养后已运行 {runs:N0} 次（阈值 {settings.OnDemandRunsThreshold:N0} 次）"));
        }
        if (hours >= settings.OnDemandRunHoursThreshold)
        {
            return Now(today, latest, Text($"上次保养后已运行 {hours:N1} 小时（阈值 {settings.OnDemandRunHoursThreshold:N0} 小时）"));
        }

        var decision = new DueDecision(latest, Text($"最长间隔 {settings.OnDemandMaxIntervalDays} 天（上次保养 {lastVisitDay:yyyy-MM-dd}）"));
        var days = Math.Max(1, (nowUtc - lastVisitUtc).TotalDays);
        if (Projected(today, runs / days, settings.OnDemandRunsThreshold - runs) is { } byRuns && byRuns < decision.DueOn)
        {
            decision = new DueDecision(byRuns, Text($"按运行次数预计：上次保养后已运行 {runs:N0} 次，日均 {runs / days:N0} 次，约 {byRuns:yyyy-MM-dd} 达到 {settings.OnDemandRunsThreshold:N0} 次"));
        }
        if (Projected(today, hours / days, settings.OnDemandRunHoursThreshold - hours) is { } byHours && byHours < decision.DueOn)
        {
            decision = new DueDecision(byHours, Text($"按运行时长预计：上次保养后已运行 {hours:N1} 小时，约 {byHours:yyyy-MM-dd} 达到 {settings.OnDemandRunHoursThreshold:N0} 小时"));
        }
        return decision;
    }

    /// <summary>
    /// Runs and running hours counted since a moment: the increase of the cumulative counters, resets starting again.
    /// Readings older than <c>Retention:CounterReadingDays</c> are pruned once their days are folded into
    /// <see cref="ElevatorDay"/>: when the readings around the moment are gone, the folded days from its day up to
    /// the first remaining reading count whole (the moment's own day too), and the last of them is the baseline of
    /// the readings after them.
    /// </summary>
    public async Task<(long Runs, double Hours)> UsageSinceAsync(int elevatorId, DateTime sinceUtc, CancellationToken cancellationToken)
    {
        var baseline = await db.CounterReadings.AsNoTracking()
            .Where(r => r.ElevatorId == elevatorId && r.ReceivedAtUtc <= sinceUtc)
            .OrderByDescending(r => r.Id)
            .Select(r => new Usage(r.Runs, r.RunHours, r.IsReset))
            .FirstOrDefaultAsync(cancellationToken);
        var readings = await db.CounterReadings.AsNoTracking()
            .Where(r => r.ElevatorId == elevatorId && r.ReceivedAtUtc > sinceUtc)
            .OrderBy(r => r.Id)
            .Select(r => new { Usage = new Usage(r.Runs, r.RunHours, r.IsReset), r.ReceivedAtUtc })
            .ToListAsync(cancellationToken);
        long runs = 0;
        double hours = 0;
        if (baseline is null)
        {
            var firstDay = clock.LocalDateOf(sinceUtc);
            var rawFrom = readings.Count > 0 ? clock.LocalDateOf(readings[0].ReceivedAtUtc) : DateOnly.MaxValue;
            var folded = db.ElevatorDays.AsNoTracking().Where(d => d.ElevatorId == elevatorId && d.Day < rawFrom && d.LastRuns != null);
            var last = await folded.OrderByDescending(d => d.Day)
                .Select(d => new { d.LastRuns, d.LastRunHours })
                .FirstOrDefaultAsync(cancellationToken);
            if (last is not null)
            {
                // The last folded reading before the raw ones is the baseline, even from a day before the moment.
                var since = await folded.Where(d => d.Day >= firstDay).Select(d => new { d.Runs, d.RunHours }).ToListAsync(cancellationToken);
                runs = since.Sum(d => d.Runs);
                hours = since.Sum(d => d.RunHours);
                baseline = new Usage(last.LastRuns!.Value, last.LastRunHours!.Value, false);
            }
        }
        if (readings.Count == 0)
        {
            return (runs, hours);
        }
        // Without a reading (or a folded day) before the first reading after the moment, that reading is the baseline.
        var previous = baseline ?? readings[0].Usage;
        foreach (var reading in (baseline is null ? readings.Skip(1) : readings).Select(r => r.Usage))
        {
            runs += reading.IsReset ? reading.Runs : reading.Runs - previous.Runs;
            hours += reading.IsReset ? reading.RunHours : reading.RunHours - previous.RunHours;
            previous = reading;
        }
        return (runs, hours);
    }

    private sealed record Usage(long Runs, double RunHours, bool IsReset);

    private static DateOnly? Projected(DateOnly today, double perDay, double remaining) =>
        perDay <= 0 ? null : today.AddDays((int)Math.Min(3650, Math.Ceiling(remaining / perDay)));

    private static DueDecision Now(DateOnly today, DateOnly latest, string reason) =>
        new(latest < today ? latest : today, reason);

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
