using TiLianBang.Core.Devices.LiveState;
using TiLianBang.Core.Devices.Protocol;

namespace TiLianBang.Core.Monitoring;

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

/// <summary>Which status a live state shows, and the worst of several (a community on the map shows its worst elevator).</summary>
public static class ElevatorStatusRule
{
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

    /// <summary>Worst wins; null when there is no elevator to judge.</summary>
    public static ElevatorStatus? Worst(IEnumerable<ElevatorStatus> statuses) =>
        statuses.Select(s => (ElevatorStatus?)s).Max();
}
