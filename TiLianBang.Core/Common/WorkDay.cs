using System.Globalization;

namespace TiLianBang.Core.Common;

/// <summary>The <c>day</c> query parameter of work lists: <c>today</c> or a date (yyyy-MM-dd), as people on site count days.</summary>
public static class WorkDay
{
    public static DateOnly? Parse(string? value, TimeProvider clock)
    {
        var text = value?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }
        if (string.Equals(text, "today", StringComparison.OrdinalIgnoreCase))
        {
            return clock.Today();
        }
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return day;
        }
        throw new ValidationException(new Dictionary<string, string> { ["day"] = "日期须为 today 或 yyyy-MM-dd。" });
    }

    /// <summary>The day's start and end in UTC (the server's time zone decides where a day begins).</summary>
    public static (DateTime FromUtc, DateTime ToUtc) UtcRange(DateOnly day, TimeProvider clock)
    {
        var start = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        return (TimeZoneInfo.ConvertTimeToUtc(start, clock.LocalTimeZone), TimeZoneInfo.ConvertTimeToUtc(start.AddDays(1), clock.LocalTimeZone));
    }
}
