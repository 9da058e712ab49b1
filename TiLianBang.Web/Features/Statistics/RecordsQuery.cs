using System.Globalization;
using TiLianBang.Core.Statistics;

namespace TiLianBang.Web.Features.Statistics;

/// <summary>The period of a records page as query parameters, so an export link asks for exactly what the table shows.</summary>
public static class RecordsQuery
{
    public static string Period(PeriodPreset preset, StatisticsPeriod period) => preset == PeriodPreset.Custom
        ? string.Create(CultureInfo.InvariantCulture, $"preset=Custom&from={period.From:yyyy-MM-dd}&to={period.To:yyyy-MM-dd}")
        : "preset=" + preset;

    /// <summary>A table cell's time: the local minute, or a dash for none.</summary>
    public static string Local(DateTime? utc, TimeProvider clock) => Time(utc, clock) ?? "—";

    /// <summary>An export cell's time: the local minute, or an empty cell for none.</summary>
    public static string? Time(DateTime? utc, TimeProvider clock) => utc is { } at
        ? TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(at, DateTimeKind.Utc), clock.LocalTimeZone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)
        : null;

    public static string Day(DateOnly day) => day.ToString(PeriodQuery.DayFormat, CultureInfo.InvariantCulture);

    public static string Minutes(double? minutes) => minutes is { } m ? m.ToString("0.#", CultureInfo.InvariantCulture) : "—";
}
