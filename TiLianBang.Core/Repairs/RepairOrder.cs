using TiLianBang.Core.Elevators;

namespace TiLianBang.Core.Repairs;

/// <summary>急修工单: one emergency repair of one elevator, from the alarm to its closing.</summary>
public class RepairOrder
{
    public int Id { get; set; }
    /// <summary>Shown to people, e.g. JX202611260001.</summary>
    public required string Number { get; set; }
    public int ElevatorId { get; set; }
    public Elevator? Elevator { get; set; }
    public RepairOrderSource Source { get; set; }
    /// <summary>The fault code that raised it (device orders); null for manual reports without one.</summary>
    public int? FaultCode { get; set; }
    /// <summary>困人: passengers trapped — the rescue clock runs (REP-6).</summary>
    public bool PassengersTrapped { get; set; }
    /// <summary>The person who reported the fault by hand (故障上报, 手工录入); none for a device's alarm.</summary>
    public int? ReportedBy { get; set; }
    public required string Description { get; set; }
    /// <summary>How many times the fault was raised while this order was open.</summary>
    public int Occurrences { get; set; } = 1;
    /// <summary>When the device reported the fault cleared, if it did.</summary>
    public DateTime? FaultClearedAtUtc { get; set; }
    public RepairOrderState State { get; set; }
    public int? AssignedWorkerId { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public DateTime? AcceptedAtUtc { get; set; }
    public DateTime? SignedInAtUtc { get; set; }
    public DateTime? SubmittedAtUtc { get; set; }
    public DateTime? ClosedAtUtc { get; set; }
    /// <summary>故障原因, filled when processing.</summary>
    public string? Cause { get; set; }
    /// <summary>处理措施</summary>
    public string? ActionsTaken { get; set; }
    public string? FaultAttribute { get; set; }
    public string? CancelReason { get; set; }
    /// <summary>The highest 5级上报 level already told (0 = none yet).</summary>
    public int EscalatedLevel { get; set; }
    public List<RepairOrderStep> Steps { get; set; } = [];
}

public enum RepairOrderSource
{
    Device = 0,
    /// <summary>人工录入 by staff or 故障上报 from the mini-program.</summary>
    Manual = 1,
    /// <summary>启动救援 found no open trapped order for the elevator and raised one.</summary>
    Rescue = 2,
    /// <summary>困人研判: a dispatcher confirmed trapped passengers the platform inferred from the state stream.</summary>
    Inferred = 3,
}
