namespace TiLianBang.Core.Monitoring;

/// <summary>
/// What a marker of 地图监控 shows (MON-6): trapped, fault, offline or normal. A moving car or one in inspection is
/// online and not in trouble, so on the map it counts as normal; the elevator list beside the map still shows all six
/// statuses. Ordered from the least to the most urgent, so the worst of several is the maximum.
/// </summary>
public enum MapStatus
{
    Normal,
    Offline,
    Fault,
    Trapped,
}

/// <summary>The map's view of <see cref="ElevatorStatusRule"/>: the one worst-status rule, folded to the map's four.</summary>
public static class MapStatusRule
{
    public static readonly IReadOnlyList<MapStatus> MostUrgentFirst = [MapStatus.Trapped, MapStatus.Fault, MapStatus.Offline, MapStatus.Normal];

    public static MapStatus Of(ElevatorStatus status) => status switch
    {
        ElevatorStatus.Trapped => MapStatus.Trapped,
        ElevatorStatus.Fault => MapStatus.Fault,
        ElevatorStatus.Offline => MapStatus.Offline,
        _ => MapStatus.Normal,
    };

    /// <summary>A place's marker: its worst elevator; a place without elevators (none in the caller's scope) is offline.</summary>
    public static MapStatus Worst(IEnumerable<ElevatorStatus> statuses) =>
        ElevatorStatusRule.Worst(statuses) is { } worst ? Of(worst) : MapStatus.Offline;

    /// <summary>The CSS suffix: the same <c>--tlb-status-*</c> colours as everywhere else (docs/ui.md).</summary>
    public static string CssName(MapStatus status) => status.ToString().ToLowerInvariant();
}
