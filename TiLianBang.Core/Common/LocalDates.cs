namespace TiLianBang.Core.Common;

/// <summary>Calendar days as people on site count them: in the server's time zone (TimeProvider's local zone).</summary>
public static class LocalDates
{
    public static DateOnly Today(this TimeProvider clock) => clock.LocalDateOf(clock.GetUtcNow().UtcDateTime);

    public static DateOnly LocalDateOf(this TimeProvider clock, DateTime utc) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), clock.LocalTimeZone));
}
