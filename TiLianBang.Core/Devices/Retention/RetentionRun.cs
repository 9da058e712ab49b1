namespace TiLianBang.Core.Devices.Retention;

/// <summary>What one run of the retention job did; <see cref="Ran"/> is false when another node held the lease.</summary>
public sealed record RetentionRun(bool Ran, int DaysFolded, long StateChangesDeleted, long CounterReadingsDeleted, long ConnectionChangesDeleted, int Batches)
{
    public static readonly RetentionRun Busy = new(false, 0, 0, 0, 0, 0);

    /// <summary>Health hours older than <see cref="RetentionOptions.HealthHourDays"/> (not folded: they are aggregates already).</summary>
    public long HealthHoursDeleted { get; init; }

    /// <summary>Landing days older than the landings' baseline needs (<c>Health:BaselineDays</c> and two weeks).</summary>
    public long LandingDaysDeleted { get; init; }

    public long RowsDeleted => StateChangesDeleted + CounterReadingsDeleted + ConnectionChangesDeleted + HealthHoursDeleted + LandingDaysDeleted;
}
