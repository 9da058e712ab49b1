namespace TiLianBang.Core.Maintenance;

/// <summary>Filters of 计划审核 and 保养查询.</summary>
public sealed record MaintenanceOrderQuery
{
    public MaintenanceOrderState? State { get; init; }
    public int? ElevatorId { get; init; }
    public int? WorkerId { get; init; }
    public DateOnly? DueFrom { get; init; }
    public DateOnly? DueTo { get; init; }
    public bool? Overdue { get; init; }
    /// <summary>The mini-program's 分类查询 tab.</summary>
    public MaintenanceCategory? Category { get; init; }
    /// <summary>Leaves out visits 计划审核 has not assigned yet (a worker's own lists, as the day calendar does).</summary>
    public bool AssignedOnly { get; init; }
    public string? Search { get; init; }
    /// <summary>A page of the list: orders to pass over (server paging), then at most Take of them.</summary>
    public int Skip { get; init; }
    public int Take { get; init; } = 500;
    /// <summary>History views (保养查询, 维保记录) show the latest visits first; 计划审核 the next ones first.</summary>
    public bool NewestFirst { get; init; }
}
