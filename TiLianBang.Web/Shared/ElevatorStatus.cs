// The statuses and their rule live in Core (the API and the pages share them); every Web file that knew them from here
// still does.
global using TiLianBang.Core.Monitoring;
using MudBlazor;
using TiLianBang.Core.Devices.LiveState;

namespace TiLianBang.Web.Shared;

/// <summary>How the statuses of <see cref="ElevatorStatus"/> look in the browser; the rule itself is <see cref="ElevatorStatusRule"/>.</summary>
public static class ElevatorStatuses
{
    public static readonly IReadOnlyList<ElevatorStatus> All = Enum.GetValues<ElevatorStatus>();

    public static ElevatorStatus Of(ElevatorLiveState? state) => ElevatorStatusRule.Of(state);

    /// <summary>Localizer key (the manual's term).</summary>
    public static string Label(ElevatorStatus status) => status switch
    {
        ElevatorStatus.Normal => "正常",
        ElevatorStatus.Running => "运行中",
        ElevatorStatus.Inspection => "检修",
        ElevatorStatus.Offline => "离线",
        ElevatorStatus.Fault => "故障",
        ElevatorStatus.Trapped => "困人",
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };

    /// <summary>The CSS suffix of <c>--tlb-status-*</c> and <c>.tlb-status-*</c> in app.css.</summary>
    public static string CssName(ElevatorStatus status) => status.ToString().ToLowerInvariant();

    public static string Icon(ElevatorStatus status) => status switch
    {
        ElevatorStatus.Normal => Icons.Material.Outlined.CheckCircle,
        ElevatorStatus.Running => Icons.Material.Outlined.SwapVert,
        ElevatorStatus.Inspection => Icons.Material.Outlined.Engineering,
        ElevatorStatus.Offline => Icons.Material.Outlined.CloudOff,
        ElevatorStatus.Fault => Icons.Material.Outlined.ReportProblem,
        ElevatorStatus.Trapped => Icons.Material.Outlined.Emergency,
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };
}
