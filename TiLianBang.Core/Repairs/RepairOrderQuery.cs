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
    /// <summary>The mini-program's 分类查询 tab.</summary>
    public RepairCategory? Category { get; init; }
    /// <summary>Only orders raised on this day (the server's time zone).</summary>
    public DateOnly? CreatedOn { get; init; }
    /// <summary>Only orders over the REP-6 arrival limit, as the 急修任务 list marks them (<see cref="RepairOrderSummary.IsOverdue"/>).</summary>
    public bool? Overdue { get; init; }
    /// <summary>Only orders this person reported by hand (故障上报 history).</summary>
    public int? ReportedBy { get; init; }
    /// <summary>Open 困人 orders before the rest (the mini-program's 急修 list: a trapped passenger is the first thing a worker sees).</summary>
    public bool TrappedFirst { get; init; }
    public DateTime? FromUtc { get; init; }
    public DateTime? ToUtc { get; init; }
    public int Take { get; init; } = 200;
}
