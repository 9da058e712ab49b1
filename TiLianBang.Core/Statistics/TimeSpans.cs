namespace TiLianBang.Core.Statistics;

/// <summary>Two instants of one record, keyed by what the average is taken over (e.g. a worker).</summary>
public sealed class KeyedSpan
{
    public int Key { get; init; }
    public DateTime From { get; init; }
    public DateTime To { get; init; }
}

/// <summary>The minutes of a <see cref="KeyedSpan"/>, computed by the database.</summary>
public sealed class KeyedMinutes
{
    public int Key { get; init; }
    public double Minutes { get; init; }
}

/// <summary>
/// Durations averaged in SQL. Neither SQLite nor EF Core's provider-neutral LINQ subtracts two DateTimes, but both
/// providers translate Year, DayOfYear, Hour, Minute and Second: from them a minute number since 0001-01-01
/// (the proleptic Gregorian day number × 1440 + the time of day) is plain integer arithmetic, and the difference
/// of two minute numbers is the exact duration on SQLite and SQL Server alike.
/// </summary>
public static class TimeSpans
{
    public static IQueryable<KeyedMinutes> Minutes(this IQueryable<KeyedSpan> spans) =>
        spans.Select(s => new KeyedMinutes
        {
            Key = s.Key,
            Minutes =
                ((365 * (s.To.Year - 1) + (s.To.Year - 1) / 4 - (s.To.Year - 1) / 100 + (s.To.Year - 1) / 400 + s.To.DayOfYear) * 1440.0
                 + s.To.Hour * 60 + s.To.Minute + s.To.Second / 60.0)
                - ((365 * (s.From.Year - 1) + (s.From.Year - 1) / 4 - (s.From.Year - 1) / 100 + (s.From.Year - 1) / 400 + s.From.DayOfYear) * 1440.0
                 + s.From.Hour * 60 + s.From.Minute + s.From.Second / 60.0),
        });

    /// <summary>The average minutes per key, computed by the database.</summary>
    public static IQueryable<KeyedMinutes> AverageMinutes(this IQueryable<KeyedSpan> spans) =>
        spans.Minutes().GroupBy(m => m.Key).Select(g => new KeyedMinutes { Key = g.Key, Minutes = g.Average(m => m.Minutes) });
}
