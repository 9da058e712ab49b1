namespace TiLianBang.Core.Devices.Retention;

/// <summary>What one run of the retention job did; <see cref="Ran"/> is false when another node held the lease.</summary>
public sealed record RetentionRun(bool Ran, int DaysFolded, long StateChangesDeleted, long CounterReadingsDeleted, long ConnectionChangesDeleted, int Batches)
{
    public static readonly RetentionRun Busy = new(false, 0, 0, 0, 0, 0);

    public long RowsDeleted => StateChangesDeleted + CounterReadingsDeleted + ConnectionChangesDeleted;
}
