using TiLianBang.Core.Devices.LiveState;
using TiLianBang.Core.Monitoring;

namespace TiLianBang.Web.Features.Monitoring;

/// <summary>The status categories of 区域监控, each with its live count.</summary>
public enum StatusCategory
{
    All,
    Online,
    Offline,
    Running,
    Fault,
    Inspection,
    Trapped,
}

public static class StatusCategories
{
    public static readonly IReadOnlyList<StatusCategory> InOrder = Enum.GetValues<StatusCategory>();

    public static string Label(StatusCategory category) => category switch
    {
        StatusCategory.All => "全部",
        StatusCategory.Online => "在线",
        StatusCategory.Offline => "离线",
        StatusCategory.Running => "运行",
        StatusCategory.Fault => "故障",
        StatusCategory.Inspection => "检修",
        StatusCategory.Trapped => "困人",
        _ => category.ToString(),
    };

    /// <summary>The status colour of a category's chip (the <c>.tlb-category-*</c> rules in app.css): 在线 is 正常's green.</summary>
    public static string CssName(StatusCategory category) => category switch
    {
        StatusCategory.Online => "normal",
        StatusCategory.Offline => "offline",
        StatusCategory.Running => "running",
        StatusCategory.Fault => "fault",
        StatusCategory.Inspection => "inspection",
        StatusCategory.Trapped => "trapped",
        _ => "all",
    };

    /// <summary>An elevator never heard from (no live state) is offline. The rule itself is <see cref="StatusCounts"/>'s.</summary>
    public static bool Matches(StatusCategory category, ElevatorLiveState? state) => category switch
    {
        StatusCategory.All => true,
        StatusCategory.Online => StatusCounts.IsOnline(state),
        StatusCategory.Offline => !StatusCounts.IsOnline(state),
        StatusCategory.Running => StatusCounts.IsRunning(state),
        StatusCategory.Fault => StatusCounts.HasFault(state),
        StatusCategory.Inspection => StatusCounts.IsInInspection(state),
        StatusCategory.Trapped => StatusCounts.IsTrapped(state),
        _ => false,
    };
}
