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

/// <summary>Durations averaged by the database (<see cref="Data.DatabaseFunctions.MinutesBetween"/>), on SQLite and SQL Server alike.</summary>
public static class TimeSpans
{
    public static IQueryable<KeyedMinutes> Minutes(this IQueryable<KeyedSpan> spans) =>
        spans.Select(s => new KeyedMinutes { Key = s.Key, Minutes = Data.DatabaseFunctions.MinutesBetween(s.From, s.To) });

    /// <summary>The average minutes per key, computed by the database.</summary>
    public static IQueryable<KeyedMinutes> AverageMinutes(this IQueryable<KeyedSpan> spans) =>
        spans.Minutes().GroupBy(m => m.Key).Select(g => new KeyedMinutes { Key = g.Key, Minutes = g.Average(m => m.Minutes) });
}
