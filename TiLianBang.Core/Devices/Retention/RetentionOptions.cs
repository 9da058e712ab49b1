namespace TiLianBang.Core.Devices.Retention;

/// <summary>
/// Configuration section <c>Retention</c>: how long raw device rows are kept before the nightly job folds them into
/// daily figures (<see cref="ElevatorDay"/>, kept for ever) and deletes them. Events (faults and their repair
/// orders) are never pruned.
/// </summary>
public sealed class RetentionOptions
{
    public const string Section = "Retention";

    /// <summary>Days of state history (StateChanges, a row per trip boundary) kept raw.</summary>
    public int StateHistoryDays { get; set; } = 90;

    /// <summary>Days of counter readings (a stats report every few minutes) kept raw.</summary>
    public int CounterReadingDays { get; set; } = 90;

    /// <summary>Days of online/offline changes kept raw; longer, as they answer "why was it offline" questions.</summary>
    public int ConnectionChangeDays { get; set; } = 365;

    /// <summary>
    /// Days of health hours (door and trip aggregates per elevator and hour) kept: the baseline needs a month, the
    /// 健康 tab shows up to a year; older hours go.
    /// </summary>
    public int HealthHourDays { get; set; } = 400;

    /// <summary>Rows deleted per transaction, so the record writer never waits long for the database.</summary>
    public int BatchSize { get; set; } = 5000;

    /// <summary>Pause between two delete batches, leaving the database to the writer.</summary>
    public TimeSpan BatchPause { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>The local hour of the nightly run (0-23).</summary>
    public int Hour { get; set; } = 3;
}
