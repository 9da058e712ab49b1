using TiLianBang.Core.Common;

namespace TiLianBang.Core.Maintenance;

/// <summary>The mini-program's 分类查询 of maintenance orders (§6.2.7.2).</summary>
public enum MaintenanceCategory
{
    /// <summary>今日: due today and not submitted yet.</summary>
    Today,
    /// <summary>逾期: due before today and not submitted (<see cref="MaintenanceOrder.OverdueOn"/>).</summary>
    Overdue,
    /// <summary>已完成: submitted or confirmed.</summary>
    Done,
}

public static class MaintenanceCategories
{
    /// <summary>The <c>category</c> query parameter: <c>today</c>, <c>overdue</c> or <c>done</c>; nothing for all.</summary>
    public static MaintenanceCategory? Parse(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        null or "" => null,
        "today" => MaintenanceCategory.Today,
        "overdue" => MaintenanceCategory.Overdue,
        "done" => MaintenanceCategory.Done,
        _ => throw new ValidationException(new Dictionary<string, string> { ["category"] = "分类须为 today（今日）、overdue（逾期）或 done（已完成）。" }),
    };
}
