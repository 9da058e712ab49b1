using MudBlazor;
using TiLianBang.Core.Devices.LiveState;
using TiLianBang.Core.Devices.Protocol;

namespace TiLianBang.Web.Shared;

/// <summary>
/// The six statuses an elevator is shown in, everywhere the same (docs/ui.md): tiles, chips, map markers, charts.
/// Ordered from the least to the most urgent, so the worst of several is the maximum.
/// </summary>
public enum ElevatorStatus
{
    Normal,
    Running,
    Inspection,
    Offline,
    Fault,
    Trapped,
}

public static class ElevatorStatuses
{
    public static readonly IReadOnlyList<ElevatorStatus> All = Enum.GetValues<ElevatorStatus>();

    /// <summary>No state yet counts as offline: nobody can vouch for that elevator.</summary>
    public static ElevatorStatus Of(ElevatorLiveState? state) => state switch
    {
        null => ElevatorStatus.Offline,
        { PassengersTrapped: true } => ElevatorStatus.Trapped,
        { HasFault: true } => ElevatorStatus.Fault,
        { Online: false } => ElevatorStatus.Offline,
        { HasState: true, Mode: ServiceMode.Inspection } => ElevatorStatus.Inspection,
        { HasState: true, Running: true } => ElevatorStatus.Running,
        _ => ElevatorStatus.Normal,
    };

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
