using TiLianBang.Core.Repairs;

namespace TiLianBang.Core.Statistics;

/// <summary>One order behind a bar of 故障统计分析 (drill-down).</summary>
public sealed record FaultOrderRow(
    int Id,
    string Number,
    int ElevatorId,
    string ElevatorNumber,
    string ElevatorName,
    DateTime CreatedAtUtc,
    RepairOrderState State,
    int? FaultCode,
    string Description,
    string? WorkerName);
