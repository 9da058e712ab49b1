using TiLianBang.Core.Devices.LiveState;
using TiLianBang.Core.Devices.Protocol;

namespace TiLianBang.Core.Monitoring;

/// <summary>
/// How many elevators are in each status category of 区域监控 — the one rule the page, the REST API and the live
/// socket share. The categories overlap (a running elevator is online too); an elevator never heard from has no
/// live state and counts as offline.
/// </summary>
public sealed record StatusCounts(int All, int Online, int Offline, int Running, int Fault, int Inspection, int Trapped)
{
    public static readonly StatusCounts None = new(0, 0, 0, 0, 0, 0, 0);

    /// <summary>One entry per elevator to count: its live state, or null when it has none.</summary>
    public static StatusCounts Count(IEnumerable<ElevatorLiveState?> states)
    {
        int all = 0, online = 0, running = 0, fault = 0, inspection = 0, trapped = 0;
        foreach (var state in states)
        {
            all++;
            online += IsOnline(state) ? 1 : 0;
            running += IsRunning(state) ? 1 : 0;
            fault += HasFault(state) ? 1 : 0;
            inspection += IsInInspection(state) ? 1 : 0;
            trapped += IsTrapped(state) ? 1 : 0;
        }
        return new StatusCounts(all, online, all - online, running, fault, inspection, trapped);
    }

    public static bool IsOnline(ElevatorLiveState? state) => state is { Online: true };

    public static bool IsRunning(ElevatorLiveState? state) => state is { Online: true, Running: true };

    public static bool HasFault(ElevatorLiveState? state) => state is { HasFault: true };

    public static bool IsInInspection(ElevatorLiveState? state) => state is { Online: true, Mode: ServiceMode.Inspection };

    public static bool IsTrapped(ElevatorLiveState? state) => state is { PassengersTrapped: true };
}
