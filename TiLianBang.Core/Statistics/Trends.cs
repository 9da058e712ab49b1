using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using TiLianBang.Core.Common;
using TiLianBang.Core.Data;
using TiLianBang.Core.Repairs;

namespace TiLianBang.Core.Statistics;

/// <summary>
/// STA-6 数据分析: faults (repair orders), rescues (trapped-passenger orders), maintenance visits done (submitted)
/// and new installations per local calendar month. Counts are grouped in SQL; a stored UTC instant is moved into
/// the local zone before taking its month, so a fault at 2026-03-31 17:00 UTC counts in April China time.
/// </summary>
public sealed class Trends(TiLianBangDbContext db, TimeProvider clock)
{
    /// <summary>The earliest year a person may ask for; older ones are a typo, not a question.</summary>
    public const int FirstYear = 2000;

    /// <summary>The twelve months up to and including this one, or the calendar year asked for.</summary>
    public static (DateOnly From, DateOnly To) MonthsOf(int? year, DateOnly today)
    {
        if (year is { } y)
        {
            if (y < FirstYear || y > today.Year)
            {
                throw new ValidationException(new Dictionary<string, string> { ["year"] = "年份超出范围。" });
            }
            return (new DateOnly(y, 1, 1), new DateOnly(y, 12, 31));
        }
        var first = new DateOnly(today.Year, today.Month, 1).AddMonths(-11);
        return (first, new DateOnly(today.Year, today.Month, 1).AddMonths(1).AddDays(-1));
    }

    public async Task<MonthlyTrends> MonthlyAsync(int? year, CancellationToken cancellationToken)
    {
        var (from, to) = MonthsOf(year, clock.Today());
        var zone = clock.LocalTimeZone;
        var fromUtc = StatisticsPeriod.StartOfDayUtc(from, zone);
        var toUtc = StatisticsPeriod.StartOfDayUtc(to.AddDays(1), zone);

        var orders = db.RepairOrders.AsNoTracking().Where(o => o.CreatedAtUtc >= fromUtc && o.CreatedAtUtc < toUtc);
        var faults = await PerMonthAsync(orders, o => o.CreatedAtUtc, from, to, cancellationToken);
        var rescues = await PerMonthAsync(orders.Where(o => o.PassengersTrapped), o => o.CreatedAtUtc, from, to, cancellationToken);
        var visits = await PerMonthAsync(
            db.MaintenanceOrders.AsNoTracking().Where(o => o.SubmittedAtUtc != null && o.SubmittedAtUtc >= fromUtc && o.SubmittedAtUtc < toUtc),
            o => o.SubmittedAtUtc!.Value, from, to, cancellationToken);
        // An installation date is already a local calendar day.
        var installs = (await db.Elevators.AsNoTracking()
                .Where(e => e.InstallDate != null && e.InstallDate >= from && e.InstallDate <= to)
                .GroupBy(e => new { e.InstallDate!.Value.Year, e.InstallDate!.Value.Month })
                .Select(g => new { g.Key.Year, g.Key.Month, Count = g.Count() })
                .ToListAsync(cancellationToken))
            .ToDictionary(g => (g.Year, g.Month), g => g.Count);

        var months = new List<MonthlyTrend>();
        for (var month = from; month <= to; month = month.AddMonths(1))
        {
            var key = (month.Year, month.Month);
            months.Add(new MonthlyTrend(month.Year, month.Month, faults.GetValueOrDefault(key), rescues.GetValueOrDefault(key),
                visits.GetValueOrDefault(key), installs.GetValueOrDefault(key)));
        }
        return new MonthlyTrends(from, to, months);
    }

    /// <summary>
    /// Counts per local month of rows already limited to [from, to]. Where the zone keeps one offset over the
    /// range (China has no daylight saving), SQL groups by the shifted instant's year and month in one query;
    /// otherwise each month is counted by its own UTC range, still in SQL.
    /// </summary>
    private async Task<Dictionary<(int Year, int Month), int>> PerMonthAsync<T>(
        IQueryable<T> rows, Expression<Func<T, DateTime>> instant, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var zone = clock.LocalTimeZone;
        var starts = new List<DateTime>();
        for (var month = from; month <= to.AddDays(1); month = month.AddMonths(1))
        {
            starts.Add(StatisticsPeriod.StartOfDayUtc(month, zone));
        }
        var offsets = starts.Select(s => zone.GetUtcOffset(s)).Append(zone.GetUtcOffset(StatisticsPeriod.StartOfDayUtc(to, zone))).Distinct().ToList();
        if (offsets.Count == 1 && !zone.SupportsDaylightSavingTime)
        {
            var minutes = offsets[0].TotalMinutes;
            var shifted = Expression.Lambda<Func<T, DateTime>>(
                Expression.Call(instant.Body, typeof(DateTime).GetMethod(nameof(DateTime.AddMinutes))!, Expression.Constant(minutes)),
                instant.Parameters);
            var grouped = await rows.Select(shifted).GroupBy(t => new { t.Year, t.Month })
                .Select(g => new { g.Key.Year, g.Key.Month, Count = g.Count() })
                .ToListAsync(cancellationToken);
            return grouped.ToDictionary(g => (g.Year, g.Month), g => g.Count);
        }
        var result = new Dictionary<(int, int), int>();
        var month0 = from;
        for (var i = 0; i + 1 < starts.Count; i++, month0 = month0.AddMonths(1))
        {
            var (start, end) = (starts[i], starts[i + 1]);
            var inMonth = Expression.Lambda<Func<T, bool>>(
                Expression.AndAlso(
                    Expression.GreaterThanOrEqual(instant.Body, Expression.Constant(start)),
                    Expression.LessThan(instant.Body, Expression.Constant(end))),
                instant.Parameters);
            result[(month0.Year, month0.Month)] = await rows.CountAsync(inMonth, cancellationToken);
        }
        return result;
    }
}
