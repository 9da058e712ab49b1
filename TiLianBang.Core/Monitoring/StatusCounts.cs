using TiLianBang.Core.Devices.LiveState;
using TiLianBang.Core.Devices.Protocol;

namespace TiLianBang.Core.Monitoring;

/// <summary>The status categories of 区域监控; an elevator may be in several (a running elevator is also online).</summary>
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

/// <summary>
/// How 区域监控 counts elevators per category — the one rule the page, the REST API and the live WebSocket share.
/// An elevator never heard from (no live state) is offline.
/// </summary>
public static class StatusCounts
{
    public static readonly IReadOnlyList<StatusCategory> Categories = Enum.GetValues<StatusCategory>();

    public static bool Matches(StatusCategory category, ElevatorLiveState? state) => category switch
    {
        StatusCategory.All => true,
        StatusCategory.Online => state is { Online: true },
        StatusCategory.Offline => state is not { Online: true },
        StatusCategory.Running => state is { Online: true, Running: true },
        StatusCategory.Fault => state is { HasFault: true },
        StatusCategory.Inspection => state is { Online: true, Mode: ServiceMode.Inspection },
        StatusCategory.Trapped => state is { PassengersTrapped: true },
        _ => false,
    };

    /// <summary>Every category's count over the given elevators' states (null for an elevator without state).</summary>
    public static IReadOnlyDictionary<StatusCategory, int> Count(IEnumerable<ElevatorLiveState?> states)
    {
        var counts = Categories.ToDictionary(c => c, _ => 0);
        foreach (var state in states)
        {
            foreach (var category in Categories)
            {
                if (Matches(category, state))
                {
                    counts[category]++;
                }
            }
        }
        return counts;
    }
}
