using TiLianBang.Core.Auditing;

namespace TiLianBang.Core.Devices.Recording;

/// <summary>
/// A fault, event or alarm as a collector reported it (raised or cleared). Kept with the elevator the device was
/// bound to when it happened, so a later rebinding does not move history. (DeviceId, EventId) is unique: a
/// repeated delivery adds nothing.
/// </summary>
public class ElevatorEvent : INotAudited
{
    public long Id { get; set; }
    public required string DeviceId { get; set; }
    public required string EventId { get; set; }
    public int? ElevatorId { get; set; }
    public int Code { get; set; }
    public FaultKind Kind { get; set; }
    public bool Raised { get; set; }
    public int? Floor { get; set; }
    public string? DetailJson { get; set; }
    public DateTime? DeviceTimeUtc { get; set; }
    public DateTime ReceivedAtUtc { get; set; }

    /// <summary>
    /// When what the event implies (a repair order) was done; null until then. Set in the same transaction as that
    /// work, so an event stored just before a crash is handled after the restart, and only once.
    /// </summary>
    public DateTime? HandledAtUtc { get; set; }
}
