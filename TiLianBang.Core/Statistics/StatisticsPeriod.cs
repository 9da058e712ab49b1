using TiLianBang.Core.Common;

namespace TiLianBang.Core.Statistics;

/// <summary>
/// The days a statistic covers, both ends included, as calendar days where the elevators are (the TimeProvider's
/// local zone, China time in production): a fault at 23:30 on 31 May China time counts in May although it is
/// 15:30 UTC. Queries filter by <see cref="UtcRange"/>, a half-open range of instants.
/// </summary>
public sealed record StatisticsPeriod(DateOnly From, DateOnly To)
{
    /// <summary>Longest custom range: ten years keeps every query and chart bounded.</summary>
    public const int MaxDays = 3660;

    public int Days => To.DayNumber - From.DayNumber + 1;

    public static StatisticsPeriod Of(PeriodPreset preset, DateOnly today) => preset switch
    {
        PeriodPreset.Last7Days => new(today.AddDays(-6), today),
        PeriodPreset.Last30Days => new(today.AddDays(-29), today),
        PeriodPreset.ThisMonth => new(new DateOnly(today.Year, today.Month, 1), today),
        PeriodPreset.ThisYear => new(new DateOnly(today.Year, 1, 1), today),
        _ => throw new ArgumentOutOfRangeException(nameof(preset), preset, "A custom period names its days."),
    };

    /// <summary>
    /// The period a page or endpoint asked for: a preset, or a custom range whose days are both given. Without
    /// anything, the last 30 days. Refuses a reversed or over-long range with field errors.
    /// </summary>
    public static StatisticsPeriod Parse(PeriodPreset? preset, DateOnly? from, DateOnly? to, TimeProvider clock)
    {
        if (preset is not null and not PeriodPreset.Custom)
        {
            return Of(preset.Value, clock.Today());
        }
        if (from is null && to is null && preset is null)
        {
            return Of(PeriodPreset.Last30Days, clock.Today());
        }
        var errors = new Dictionary<string, string>();
        if (from is null)
        {
            errors["from"] = "请选择开始日期。";
        }
        if (to is null)
        {
            errors["to"] = "请选择结束日期。";
        }
        if (from is not null && to is not null)
        {
            if (to < from)
            {
                errors["to"] = "结束日期不能早于开始日期。";
            }
            else if (to.Value.DayNumber - from.Value.DayNumber + 1 > MaxDays)
            {
                errors["to"] = "统计期间最长 10 年。";
            }
        }
        if (errors.Count > 0)
        {
            throw new ValidationException(errors);
        }
        return new StatisticsPeriod(from!.Value, to!.Value);
    }

    /// <summary>[first instant of From, first instant after To) in UTC, for comparing stored UTC times.</summary>
    public (DateTime FromUtc, DateTime ToUtc) UtcRange(TimeProvider clock) =>
        (StartOfDayUtc(From, clock.LocalTimeZone), StartOfDayUtc(To.AddDays(1), clock.LocalTimeZone));

    public bool Contains(DateOnly day) => day >= From && day <= To;

    public static DateTime StartOfDayUtc(DateOnly day, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified), zone);
}
