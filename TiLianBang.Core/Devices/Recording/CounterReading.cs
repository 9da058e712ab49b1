using TiLianBang.Core.Auditing;

namespace TiLianBang.Core.Devices.Recording;

/// <summary>
/// One <c>stats</c> report. A counter lower than the previous reading means the controller was reset or
/// replaced: the row is marked so that statistics start a new series instead of counting negative runs.
/// </summary>
public class CounterReading : INotAudited
{
    public long Id { get; set; }
    public required string DeviceId { get; set; }
    public int? ElevatorId { get; set; }
    public long Runs { get; set; }
    public double RunHours { get; set; }
    public long DoorCycles { get; set; }
    public double? Distance { get; set; }
    public bool IsReset { get; set; }
    /// <summary>Which counters went backwards, e.g. "runs, doorCycles".</summary>
    public string? ResetCounters { get; set; }
    public DateTime? DeviceTimeUtc { get; set; }
    public DateTime ReceivedAtUtc { get; set; }
}
