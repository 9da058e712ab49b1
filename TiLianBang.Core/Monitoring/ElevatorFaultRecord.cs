using TiLianBang.Core.Devices;
using TiLianBang.Core.Repairs;

namespace TiLianBang.Core.Monitoring;

/// <summary>故障记录: a fault raised or cleared, and the repair order a raised one led to.</summary>
public sealed record ElevatorFaultRecord(
    long Id, int Code, string Name, FaultKind Kind, bool Raised, string? FloorLabel, DateTimeOffset ReceivedAt, FaultRepairOrder? RepairOrder);

public sealed record FaultRepairOrder(int Id, string Number, RepairOrderState State);
