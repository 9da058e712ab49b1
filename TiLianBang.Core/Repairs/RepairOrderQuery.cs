namespace TiLianBang.Core.Repairs;

/// <summary>Filters of 急修任务; every field optional.</summary>
public sealed record RepairOrderQuery
{
    public RepairOrderState? State { get; init; }
    public bool? Open { get; init; }
    public int? ElevatorId { get; init; }
    public int? WorkerId { get; init; }
    public string? Search { get; init; }
    /// <summary>Only open orders whose fault the device reported cleared (stale alarms).</summary>
    public bool? Cleared { get; init; }
    public DateTime? FromUtc { get; init; }
    public DateTime? ToUtc { get; init; }
    public int Take { get; init; } = 200;
}
