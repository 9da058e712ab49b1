using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TiLianBang.Core.Common;
using TiLianBang.Core.Data;

namespace TiLianBang.Core.Health;

/// <summary>
/// What the 健康 tab, the fleet view, the home page and the mini-program read. Every query goes through the actor's
/// query filters: an elevator out of sight has no health either.
/// </summary>
public sealed class HealthQueries(TiLianBangDbContext db, HealthTrackers trackers, HealthEvaluator evaluator, EntrapmentDesk desk,
    IOptions<HealthOptions> options, TimeProvider clock)
{
    private readonly HealthOptions _options = options.Value;

    /// <summary>
    /// One elevator's health: each metric's daily values over <paramref name="days"/> days against the baseline the
    /// drift check uses, the judged period's value, its warnings and the 困人研判 record.
    /// </summary>
    public async Task<ElevatorHealth> ElevatorAsync(int elevatorId, int days, CancellationToken cancellationToken)
    {
        if (!await db.Elevators.AnyAsync(e => e.Id == elevatorId, cancellationToken))
        {
            throw new DomainException("elevator.not_found", $"电梯 {elevatorId} 不存在或无权查看。", DomainErrorKind.NotFound);
        }
        days = Math.Clamp(days, 7, 365);
        var now = clock.GetUtcNow().UtcDateTime;
        var windowEnd = HourAccumulator.HourOf(now);
        var windowStart = windowEnd.AddHours(-_options.SustainedHours);
        var from = Min(windowStart.AddDays(-_options.BaselineDays), windowEnd.Date.AddDays(-days + 1));
        var hours = db.ElevatorHealthHours.Where(h => h.ElevatorId == elevatorId);
        var daily = await HealthEvaluator.DailySums(hours, from, windowEnd.AddDays(1)).ToListAsync(cancellationToken);
        var window = await hours.Where(h => h.HourUtc >= windowStart && h.HourUtc < windowEnd)
            .GroupBy(h => h.ElevatorId)
            .Select(g => new Sums(g.Key, windowStart, g.Sum(h => h.DoorCycles), g.Sum(h => h.Reopenings),
                g.Sum(h => h.DoorClosing.Count), g.Sum(h => h.DoorClosing.SumMs), g.Sum(h => h.DoorOpening.Count), g.Sum(h => h.DoorOpening.SumMs),
                g.Sum(h => h.Stops), g.Sum(h => h.StopsOutsideZone)))
            .SingleOrDefaultAsync(cancellationToken);
        var baselineDays = daily.Where(d => d.Day >= windowStart.AddDays(-_options.BaselineDays).Date && d.Day.AddDays(1) <= windowStart).ToList();
        var shownFrom = windowEnd.Date.AddDays(-days + 1);
        var metrics = HealthEvaluator.Metrics.Select(metric =>
        {
            var judgement = window is null ? null : evaluator.Judge(metric, window, baselineDays);
            var points = daily.Where(d => d.Day >= shownFrom).OrderBy(d => d.Day)
                .Select(d => new HealthPoint(DateOnly.FromDateTime(d.Day), evaluator.Value(metric, d)))
                .ToList();
            return new MetricHealth(metric, points, judgement);
        }).ToList();

        var warnings = await db.HealthWarnings.AsNoTracking().Where(w => w.ElevatorId == elevatorId)
            .OrderByDescending(w => w.Id).Take(50).ToListAsync(cancellationToken);
        var recent = await hours.Where(h => h.HourUtc >= windowEnd.AddHours(-24)).OrderBy(h => h.HourUtc).AsNoTracking().ToListAsync(cancellationToken);
        if (trackers.CurrentHour(elevatorId) is { } current)
        {
            recent.Add(current);
        }
        var outcomes = (await desk.OutcomesAsync([elevatorId], cancellationToken)).GetValueOrDefault(elevatorId) ?? RuleOutcomes.None;
        return new ElevatorHealth(elevatorId, metrics, warnings.ConvertAll(w => WarningView.Of(w, now)), recent, outcomes,
            _options.SustainedHours, _options.BaselineDays)
        {
            Landings = await LandingsAsync(elevatorId, cancellationToken),
        };
    }

    /// <summary>Each landing's yesterday against its own baseline, as the daily landing check judges it.</summary>
    private async Task<IReadOnlyList<LandingHealth>> LandingsAsync(int elevatorId, CancellationToken cancellationToken)
    {
        var judged = clock.Today().AddDays(-1);
        var rows = await db.ElevatorLandingDays.AsNoTracking()
            .Where(d => d.ElevatorId == elevatorId && d.Day >= judged.AddDays(-_options.BaselineDays) && d.Day <= judged)
            .ToListAsync(cancellationToken);
        return rows.GroupBy(d => d.Landing).OrderBy(g => g.Key)
            .Select(g =>
            {
                var window = g.SingleOrDefault(d => d.Day == judged);
                var baseline = g.Where(d => d.Day < judged).Select(HealthEvaluator.Of).ToList();
                var metrics = HealthEvaluator.Metrics.Select(metric => new MetricHealth(metric,
                        [.. g.OrderBy(d => d.Day).Select(d => new HealthPoint(d.Day, evaluator.Value(metric, HealthEvaluator.Of(d))))],
                        window is null ? null : evaluator.Judge(metric, HealthEvaluator.Of(window), baseline)))
                    .ToList();
                return new LandingHealth(g.Key, judged, window?.DoorCycles ?? 0, window?.Stops ?? 0, metrics);
            })
            .ToList();
    }

    /// <summary>The fleet view: elevators with health warnings, most open warnings and largest drift first.</summary>
    public async Task<IReadOnlyList<FleetHealthRow>> FleetAsync(bool includeRecovered, int take, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var warnings = await db.HealthWarnings.AsNoTracking()
            .Where(w => includeRecovered || w.Status != HealthWarningStatus.Recovered)
            .Join(db.Elevators, w => w.ElevatorId, e => e.Id, (w, e) => new { w, e.Number, e.Name, Community = e.Community!.Name })
            .ToListAsync(cancellationToken);
        var ids = warnings.Select(w => w.w.ElevatorId).Distinct().ToList();
        var outcomes = await desk.OutcomesAsync(ids, cancellationToken);
        return warnings.GroupBy(w => w.w.ElevatorId)
            .Select(g =>
            {
                var first = g.First();
                var open = g.Where(x => x.w.Status == HealthWarningStatus.Open).Select(x => x.w).ToList();
                var active = g.Where(x => x.w.Status != HealthWarningStatus.Recovered).Select(x => x.w).ToList();
                return new FleetHealthRow(g.Key, first.Number, first.Name, first.Community, open.Count,
                    g.Count(x => x.w.Status == HealthWarningStatus.Watching),
                    active.Count == 0 ? 0 : active.Max(w => w.ChangePercent),
                    active.OrderByDescending(w => w.ChangePercent).Select(w => HealthWarningText.Describe(w, now)).ToList(),
                    active.Count == 0 ? null : active.Min(w => w.DriftSinceUtc),
                    outcomes.GetValueOrDefault(g.Key) ?? RuleOutcomes.None);
            })
            .OrderByDescending(r => r.OpenWarnings).ThenByDescending(r => r.MaxChangePercent).ThenBy(r => r.ElevatorNumber, StringComparer.Ordinal)
            .Take(Math.Clamp(take, 1, 5000))
            .ToList();
    }

    /// <summary>Open and watched warnings the actor can see, newest first (home page, mini-program).</summary>
    public async Task<IReadOnlyList<WarningView>> ActiveWarningsAsync(int take, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var rows = await db.HealthWarnings.AsNoTracking()
            .Where(w => w.Status != HealthWarningStatus.Recovered)
            .OrderBy(w => w.Status).ThenByDescending(w => w.RaisedAtUtc)
            .Take(Math.Clamp(take, 1, 500))
            .Join(db.Elevators, w => w.ElevatorId, e => e.Id, (w, e) => new { w, e.Number, e.Name })
            .ToListAsync(cancellationToken);
        return rows.ConvertAll(r => WarningView.Of(r.w, now) with { ElevatorNumber = r.Number, ElevatorName = r.Name });
    }

    private static DateTime Min(DateTime a, DateTime b) => a < b ? a : b;
}

public sealed record HealthPoint(DateOnly Day, double? Value);

/// <summary>One metric: daily values, and the judged period against the baseline (null when either lacks data).</summary>
public sealed record MetricHealth(HealthMetric Metric, IReadOnlyList<HealthPoint> Days, Judgement? Judgement)
{
    public string Name => HealthWarningText.MetricName(Metric);
}

public sealed record ElevatorHealth(
    int ElevatorId, IReadOnlyList<MetricHealth> Metrics, IReadOnlyList<WarningView> Warnings, IReadOnlyList<ElevatorHealthHour> RecentHours,
    RuleOutcomes Entrapments, int SustainedHours, int BaselineDays)
{
    /// <summary>Landings with door cycles or stops in the baseline period or the judged day, lowest first.</summary>
    public IReadOnlyList<LandingHealth> Landings { get; init; } = [];
}

/// <summary>
/// One landing: its judged day's door cycles and stops, and per metric its daily values and the judged day against
/// the landing's own baseline (null when either has too little data).
/// </summary>
public sealed record LandingHealth(int Landing, DateOnly Day, int DoorCycles, int Stops, IReadOnlyList<MetricHealth> Metrics);

public sealed record WarningView(
    int Id, int ElevatorId, HealthMetric Metric, int? Landing, HealthWarningStatus Status, DateTime RaisedAtUtc, DateTime DriftSinceUtc, double Baseline,
    double Observed, double ChangePercent, string Text, DateTime? FixedAtUtc, string? FixNote, DateTime? RecoveredAtUtc, int Reopened)
{
    public string? ElevatorNumber { get; init; }
    public string? ElevatorName { get; init; }

    public static WarningView Of(HealthWarning w, DateTime nowUtc) => new(
        w.Id, w.ElevatorId, w.Metric, w.Landing, w.Status, w.RaisedAtUtc, w.DriftSinceUtc, w.Baseline, w.Observed, w.ChangePercent,
        HealthWarningText.Describe(w, w.Status == HealthWarningStatus.Open ? nowUtc : w.EvaluatedAtUtc), w.FixedAtUtc, w.FixNote, w.RecoveredAtUtc, w.Reopened);
}

public sealed record FleetHealthRow(
    int ElevatorId, string ElevatorNumber, string ElevatorName, string? Community, int OpenWarnings, int Watching, double MaxChangePercent,
    IReadOnlyList<string> Warnings, DateTime? DriftSinceUtc, RuleOutcomes Entrapments);
