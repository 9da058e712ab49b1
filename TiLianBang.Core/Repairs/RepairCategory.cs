using TiLianBang.Core.Common;

namespace TiLianBang.Core.Repairs;

/// <summary>The mini-program's 分类查询 of repair orders (§6.2.6.2): one tab per stage of the work.</summary>
public enum RepairCategory
{
    /// <summary>待接警: nobody has accepted it yet.</summary>
    Waiting,
    /// <summary>处理中: accepted, on the way, on site or being processed.</summary>
    Processing,
    /// <summary>已完成: the worker is done (submitted, approved, closed) or it was cancelled.</summary>
    Done,
}

public static class RepairCategories
{
    public static IReadOnlyList<RepairOrderState> StatesOf(RepairCategory category) => category switch
    {
        RepairCategory.Waiting => [RepairOrderState.Created],
        RepairCategory.Processing => [RepairOrderState.Accepted, RepairOrderState.SignedIn, RepairOrderState.Processing],
        _ => [RepairOrderState.Submitted, RepairOrderState.Approved, RepairOrderState.Closed, RepairOrderState.Cancelled],
    };

    /// <summary>The <c>category</c> query parameter: <c>waiting</c>, <c>processing</c> or <c>done</c>; nothing for all.</summary>
    public static RepairCategory? Parse(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        null or "" => null,
        "waiting" => RepairCategory.Waiting,
        "processing" => RepairCategory.Processing,
        "done" => RepairCategory.Done,
        _ => throw new ValidationException(new Dictionary<string, string> { ["category"] = "分类须为 waiting（待接警）、processing（处理中）或 done（已完成）。" }),
    };
}
