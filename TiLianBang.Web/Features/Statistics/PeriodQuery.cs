using System.Globalization;
using TiLianBang.Core.Common;
using TiLianBang.Core.Statistics;

namespace TiLianBang.Web.Features.Statistics;

/// <summary>
/// A statistics period as the query string gives it (<c>preset</c>, <c>from</c>, <c>to</c>), bound with
/// <c>[AsParameters]</c> by every statistics endpoint. Values are read as text so that every bad one is a field error
/// in one 400 problem (a number for a preset included, which enum binding would take for any value, defined or not).
/// </summary>
public sealed record PeriodQuery(string? Preset, string? From, string? To)
{
    public const string DayFormat = "yyyy-MM-dd";

    /// <summary>The period asked for; without any, the last 30 days.</summary>
    /// <param name="errors">Field errors found so far by the caller, refused together with the period's own.</param>
    /// <exception cref="ValidationException">A value does not parse or the range is not a valid period.</exception>
    public StatisticsPeriod Resolve(TimeProvider clock, Dictionary<string, string>? errors = null)
    {
        errors ??= [];
        PeriodPreset? preset = null;
        if (!string.IsNullOrWhiteSpace(Preset))
        {
            if (!Preset.Trim().All(char.IsAsciiDigit) && Enum.TryParse<PeriodPreset>(Preset.Trim(), true, out var p) && Enum.IsDefined(p))
            {
                preset = p;
            }
            else
            {
                errors["preset"] = "统计期间须为 last7Days、last30Days、thisMonth、thisYear 或 custom。";
            }
        }
        var from = Day("from", From, errors);
        var to = Day("to", To, errors);
        if (errors.Count > 0)
        {
            throw new ValidationException(errors);
        }
        return StatisticsPeriod.Parse(preset ?? (from is null && to is null ? null : PeriodPreset.Custom), from, to, clock);
    }

    private static DateOnly? Day(string field, string? text, Dictionary<string, string> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        if (DateOnly.TryParseExact(text.Trim(), DayFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return day;
        }
        errors[field] = "日期格式须为 yyyy-MM-dd。";
        return null;
    }
}
