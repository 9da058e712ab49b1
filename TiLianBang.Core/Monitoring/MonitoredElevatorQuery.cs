using TiLianBang.Core.Devices.LiveState;

namespace TiLianBang.Core.Monitoring;

/// <summary>Filters of the monitoring list; with <see cref="Near"/> it lists the elevators around a point, nearest first.</summary>
public sealed record MonitoredElevatorQuery
{
    public int? CommunityId { get; init; }
    /// <summary>Only elevators whose live state (null: never heard from) passes, e.g. a 区域监控 category.</summary>
    public Func<ElevatorLiveState?, bool>? StatusFilter { get; init; }
    /// <summary>Part of the 电梯编号 or the name.</summary>
    public string? Search { get; init; }
    public NearPoint? Near { get; init; }
}
