using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TiLianBang.Core.Accounts;
using TiLianBang.Core.Common;
using TiLianBang.Core.Data;
using TiLianBang.Core.Statistics;
using TiLianBang.Core.Notifications;

namespace TiLianBang.Core.Health;

/// <summary>
/// Judges drift (hourly, a Hangfire job): for each elevator and metric, the last <see cref="HealthOptions.SustainedHours"/>
/// complete hours against the elevator's own baseline — the median of its daily values over the
/// <see cref="HealthOptions.BaselineDays"/> before. A drift raises one warning (to the maintenance company's
/// reviewers, through the outbox), which is kept up to date while the drift lasts; after a worker closed it as fixed
/// the metric is judged again over a period wholly after the fix: back to normal is recovered, still drifting opens
/// the warning again.
/// </summary>
public sealed class HealthEvaluator(TiLianBangDbContext db, NotificationOutbox outbox, IOptions<HealthOptions> options, TimeProvider clock)
{
    private readonly HealthOptions _options = options.Value;

    public static readonly HealthMetric[] Metrics = Enum.GetValues<HealthMetric>();

    /// <summary>Returns the warnings raised or opened again.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var windowEnd = HourAccumulator.HourOf(now);
        var windowStart = windowEnd.AddHours(-_options.SustainedHours);
        var baselineStart = windowStart.AddDays(-_options.BaselineDays);

        var window = (await db.ElevatorHealthHours.IgnoreQueryFilters()
                .Where(h => h.HourUtc >= windowStart && h.HourUtc < windowEnd)
                .GroupBy(h => h.ElevatorId)
                .Select(g => new Sums(g.Key, windowStart, g.Sum(h => h.DoorCycles), g.Sum(h => h.Reopenings),
                    g.Sum(h => h.DoorClosing.Count), g.Sum(h => h.DoorClosing.SumMs), g.Sum(h => h.DoorOpening.Count), g.Sum(h => h.DoorOpening.SumMs),
                    g.Sum(h => h.Stops), g.Sum(h => h.StopsOutsideZone)))
                .ToListAsync(cancellationToken))
            .ToDictionary(s => s.ElevatorId);
        var days = (await DailySums(db.ElevatorHealthHours.IgnoreQueryFilters(), baselineStart, windowStart).ToListAsync(cancellationToken))
            .ToLookup(s => s.ElevatorId);
        var active = await db.HealthWarnings.IgnoreQueryFilters()
            .Where(w => w.Status != HealthWarningStatus.Recovered)
            .ToListAsync(cancellationToken);
        var activeByKey = active.Where(w => w.Landing is null).ToDictionary(w => (w.ElevatorId, w.Metric));

        var raised = new List<HealthWarning>();
        foreach (var (elevatorId, sums) in window)
        {
            foreach (var metric in Metrics)
            {
                if (Judge(metric, sums, days[elevatorId]) is not { } judgement)
                {
                    continue;
                }
                activeByKey.TryGetValue((elevatorId, metric), out var warning);
                if (Apply(warning, elevatorId, metric, null, judgement, windowStart, now) is { } news)
                {
                    raised.Add(news);
                }
            }
        }
        await NotifyAsync(raised, now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return raised.Count;
    }

    /// <summary>
    /// Judges each landing (daily, a Hangfire job): yesterday (local) against the landing's own daily values of the
    /// <see cref="HealthOptions.BaselineDays"/> before. A landing's warning is raised only while at most half of the
    /// elevator's judged landings drift in that metric: when most do, the cause is common to the car (its door, the door
    /// operator) and the elevator's own warning says so. Returns the warnings raised or opened again.
    /// </summary>
    public async Task<int> RunLandingsAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var judged = clock.Today().AddDays(-1);
        var baselineStart = judged.AddDays(-_options.BaselineDays);
        // The drift holds since the judged day began; a fix is judged on the first whole day after it.
        var dayStart = StatisticsPeriod.StartOfDayUtc(judged, clock.LocalTimeZone);
        var active = (await db.HealthWarnings.IgnoreQueryFilters()
                .Where(w => w.Status != HealthWarningStatus.Recovered && w.Landing != null)
                .ToListAsync(cancellationToken))
            .ToDictionary(w => (w.ElevatorId, w.Metric, w.Landing!.Value));
        var raised = new List<HealthWarning>();
        var rows = db.ElevatorLandingDays.IgnoreQueryFilters().AsNoTracking()
            .Where(d => d.Day >= baselineStart && d.Day <= judged)
            .OrderBy(d => d.ElevatorId).ThenBy(d => d.Landing).ThenBy(d => d.Day)
            .AsAsyncEnumerable();
        // One elevator's days at a time: the rows come ordered by elevator, so memory holds a single elevator's month.
        var elevator = new List<ElevatorLandingDay>();
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            if (elevator.Count > 0 && elevator[0].ElevatorId != row.ElevatorId)
            {
                JudgeLandings(elevator, judged, dayStart, now, active, raised);
                elevator.Clear();
            }
            elevator.Add(row);
        }
        if (elevator.Count > 0)
        {
            JudgeLandings(elevator, judged, dayStart, now, active, raised);
        }
        await NotifyAsync(raised, now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return raised.Count;
    }

    private void JudgeLandings(List<ElevatorLandingDay> days, DateOnly judged, DateTime dayStart, DateTime now,
        Dictionary<(int, HealthMetric, int), HealthWarning> active, List<HealthWarning> raised)
    {
        var elevatorId = days[0].ElevatorId;
        var landings = days.GroupBy(d => d.Landing)
            .Select(g => (Landing: g.Key,
                Window: g.Where(d => d.Day == judged).Select(Of).FirstOrDefault(),
                Baseline: g.Where(d => d.Day < judged).Select(Of).ToList()))
            .Where(l => l.Window is not null)
            .ToList();
        foreach (var metric in Metrics)
        {
            var judgements = landings
                .Select(l => (l.Landing, Judgement: Judge(metric, l.Window!, l.Baseline)))
                .Where(l => l.Judgement is not null)
                .ToList();
            var commonCause = judgements.Count(l => l.Judgement!.Drifting) * 2 > judgements.Count;
            foreach (var (landing, judgement) in judgements)
            {
                active.TryGetValue((elevatorId, metric, landing), out var warning);
                if (warning is null && commonCause)
                {
                    continue;
                }
                if (Apply(warning, elevatorId, metric, landing, judgement!, dayStart, now) is { } news)
                {
                    raised.Add(news);
                }
            }
        }
    }

    public static Sums Of(ElevatorLandingDay d) => new(d.ElevatorId, d.Day.ToDateTime(TimeOnly.MinValue), d.DoorCycles, d.Reopenings, d.ClosingCount, d.ClosingSumMs,
        d.OpeningCount, d.OpeningSumMs, d.Stops, d.StopsOutsideZone);

    /// <summary>The judged period's value against the baseline, or null when either has too little data.</summary>
    public Judgement? Judge(HealthMetric metric, Sums window, IEnumerable<Sums> baselineDays)
    {
        if (Value(metric, window) is not { } observed)
        {
            return null;
        }
        var daily = baselineDays.Select(d => Value(metric, d)).OfType<double>().Order().ToArray();
        if (daily.Length < _options.MinBaselineDays)
        {
            return null;
        }
        var baseline = Median(daily);
        // Median absolute deviation, scaled to a standard deviation for normally spread days: robust to a few odd days.
        var spread = 1.4826 * Median([.. daily.Select(d => Math.Abs(d - baseline)).Order()]);
        var reference = IsRate(metric) ? Math.Max(baseline, RateFloor) : baseline;
        var change = reference <= 0 ? 0 : (observed - reference) / reference * 100;
        var drifting = metric switch
        {
            HealthMetric.DoorClosingTime or HealthMetric.DoorOpeningTime => change >= _options.DoorTimeIncreasePercent,
            HealthMetric.Reopenings => window.Reopenings >= _options.MinEvents && observed >= _options.ReopeningFactor * reference,
            _ => window.StopsOutsideZone >= _options.MinEvents && observed >= _options.OutsideZoneFactor * reference,
        };
        return new Judgement(observed, baseline, spread, change, drifting);
    }

    /// <summary>Rates are compared with at least 1 per 100: from a clean baseline one odd event is not a doubling.</summary>
    private const double RateFloor = 1.0;

    public static bool IsRate(HealthMetric metric) => metric is HealthMetric.Reopenings or HealthMetric.StopsOutsideZone;

    /// <summary>A metric's value over some hours: mean milliseconds, or events per 100 door cycles / stops.</summary>
    public double? Value(HealthMetric metric, Sums s) => metric switch
    {
        HealthMetric.DoorClosingTime => s.ClosingCount >= _options.MinSamples ? (double)s.ClosingSumMs / s.ClosingCount : null,
        HealthMetric.DoorOpeningTime => s.OpeningCount >= _options.MinSamples ? (double)s.OpeningSumMs / s.OpeningCount : null,
        HealthMetric.Reopenings => s.DoorCycles >= _options.MinSamples ? 100.0 * s.Reopenings / s.DoorCycles : null,
        _ => s.Stops >= _options.MinSamples ? 100.0 * s.StopsOutsideZone / s.Stops : null,
    };

    private HealthWarning? Apply(HealthWarning? warning, int elevatorId, HealthMetric metric, int? landing, Judgement judgement, DateTime windowStart, DateTime now)
    {
        if (warning is null)
        {
            if (!judgement.Drifting)
            {
                return null;
            }
            warning = new HealthWarning
            {
                ElevatorId = elevatorId,
                Metric = metric,
                Landing = landing,
                Status = HealthWarningStatus.Open,
                RaisedAtUtc = now,
                DriftSinceUtc = windowStart,
            };
            Update(warning, judgement, now);
            db.HealthWarnings.Add(warning);
            return warning;
        }
        if (warning.Status == HealthWarningStatus.Watching && warning.FixedAtUtc is { } fixedAt && windowStart < fixedAt)
        {
            // Judged again only over a period wholly after the fix.
            return null;
        }
        Update(warning, judgement, now);
        if (!judgement.Drifting)
        {
            warning.Status = HealthWarningStatus.Recovered;
            warning.RecoveredAtUtc = now;
            return null;
        }
        if (warning.Status == HealthWarningStatus.Watching)
        {
            warning.Status = HealthWarningStatus.Open;
            warning.Reopened++;
            warning.DriftSinceUtc = windowStart;
            return warning;
        }
        return null;
    }

    private static void Update(HealthWarning warning, Judgement judgement, DateTime now)
    {
        warning.Observed = judgement.Observed;
        warning.Baseline = judgement.Baseline;
        warning.Spread = judgement.Spread;
        warning.ChangePercent = judgement.ChangePercent;
        warning.EvaluatedAtUtc = now;
    }

    private async Task NotifyAsync(List<HealthWarning> raised, DateTime now, CancellationToken cancellationToken)
    {
        if (raised.Count == 0)
        {
            return;
        }
        var ids = raised.Select(w => w.ElevatorId).Distinct().ToList();
        var elevators = await db.Elevators.IgnoreQueryFilters().AsNoTracking()
            .Where(e => ids.Contains(e.Id))
            .Select(e => new { e.Id, e.Number, e.Name, e.MaintenanceCompanyId })
            .ToDictionaryAsync(e => e.Id, cancellationToken);
        var reviewers = new Dictionary<int, List<(int Id, string? OpenId)>>();
        foreach (var warning in raised)
        {
            if (!elevators.TryGetValue(warning.ElevatorId, out var elevator) || elevator.MaintenanceCompanyId is not { } company)
            {
                continue;
            }
            if (!reviewers.TryGetValue(company, out var people))
            {
                people = (await db.WithPermission(company, Permissions.MaintenancePlanReview).AsNoTracking()
                        .Select(u => new { u.Id, u.WeChatOpenId }).ToListAsync(cancellationToken))
                    .ConvertAll(u => (u.Id, u.WeChatOpenId));
                reviewers[company] = people;
            }
            var title = $"健康预警 {elevator.Number}";
            var text = HealthWarningText.Describe(warning, now);
            var body = warning.Reopened > 0 ? $"{elevator.Name}：{text}（维修后仍未恢复）" : $"{elevator.Name}：{text}";
            var link = $"/monitor/elevators/{elevator.Id}?tab=health";
            foreach (var (id, openId) in people)
            {
                outbox.Add(NotificationChannel.InApp, id, null, title, body, link);
                if (openId is not null)
                {
                    outbox.Add(NotificationChannel.WeChat, id, openId, title, body, link);
                }
            }
        }
    }

    private static double Median(double[] sorted) =>
        sorted.Length == 0 ? 0 : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;

    /// <summary>Hour rows summed per elevator and UTC day, from <paramref name="from"/> up to <paramref name="to"/>.</summary>
    public static IQueryable<Sums> DailySums(IQueryable<ElevatorHealthHour> hours, DateTime from, DateTime to) =>
        hours.Where(h => h.HourUtc >= from && h.HourUtc < to)
            .GroupBy(h => new { h.ElevatorId, h.HourUtc.Date })
            .Select(g => new Sums(g.Key.ElevatorId, g.Key.Date, g.Sum(h => h.DoorCycles), g.Sum(h => h.Reopenings),
                g.Sum(h => h.DoorClosing.Count), g.Sum(h => h.DoorClosing.SumMs), g.Sum(h => h.DoorOpening.Count), g.Sum(h => h.DoorOpening.SumMs),
                g.Sum(h => h.Stops), g.Sum(h => h.StopsOutsideZone)));
}

/// <summary>Health hours summed over a period (a day, or the judged period starting at <see cref="Day"/>).</summary>
public sealed record Sums(
    int ElevatorId, DateTime Day, int DoorCycles, int Reopenings, int ClosingCount, long ClosingSumMs, int OpeningCount, long OpeningSumMs,
    int Stops, int StopsOutsideZone);

/// <summary>One metric judged: the period's value, the baseline and its spread, the change in percent, and whether it drifts.</summary>
public sealed record Judgement(double Observed, double Baseline, double Spread, double ChangePercent, bool Drifting);
