using TiLianBang.Core.Devices.Protocol;

namespace TiLianBang.Core.Health;

/// <summary>
/// 疑似困人 (困人研判): the platform inferred trapped passengers from the state stream — a car standing outside the door
/// zone with its door closed and a passenger inside — without the collector's own 困人 event. A dispatcher confirms
/// it (a trapped-passenger repair order) or dismisses it; the outcomes show how often the rule is right.
/// </summary>
public class SuspectedEntrapment
{
    public int Id { get; set; }
    public int ElevatorId { get; set; }
    public required string DeviceId { get; set; }

    /// <summary>The first state that showed the stuck car, and when the rule raised it.</summary>
    public DateTime StuckSinceUtc { get; set; }
    public DateTime RaisedAtUtc { get; set; }

    public int Floor { get; set; }
    public DoorState Door { get; set; }
    public ServiceMode Mode { get; set; }
    public double? LoadPercent { get; set; }

    public SuspectedEntrapmentStatus Status { get; set; }
    public DateTime? DecidedAtUtc { get; set; }
    public int? DecidedBy { get; set; }

    /// <summary>Why a dispatcher dismissed it (e.g. "维保人员在轿厢内检修").</summary>
    public string? Note { get; set; }

    /// <summary>The trapped-passenger order it became (confirmed) or merged into (the device's 困人 came).</summary>
    public int? RepairOrderId { get; set; }
}

public enum SuspectedEntrapmentStatus
{
    /// <summary>Waiting for a dispatcher.</summary>
    Open = 0,
    /// <summary>A dispatcher confirmed it: trapped-passenger order raised (or joined).</summary>
    Confirmed = 1,
    /// <summary>A dispatcher found nobody trapped.</summary>
    Dismissed = 2,
    /// <summary>The collector's own 困人 event arrived: the suspicion was right, its order is the device's.</summary>
    ConfirmedByDevice = 3,
}
