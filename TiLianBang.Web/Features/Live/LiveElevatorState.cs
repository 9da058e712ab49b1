using TiLianBang.Core.Devices.LiveState;
using TiLianBang.Core.Devices.Protocol;
using TiLianBang.Web.Shared;

namespace TiLianBang.Web.Features.Live;

/// <summary>An elevator's live state as the detail page shows it (MON-2), for the mini-program.</summary>
public sealed record LiveElevatorState(
    int ElevatorId,
    string DeviceId,
    ElevatorStatus Status,
    bool Online,
    DateTimeOffset? OnlineSince,
    DateTimeOffset? OfflineSince,
    DateTimeOffset? LastSeen,
    bool HasState,
    ServiceMode Mode,
    bool Running,
    CarDirection Direction,
    int Floor,
    string FloorLabel,
    DoorState Door,
    bool? InDoorZone,
    bool? PassengerInCar,
    double? LoadPercent,
    double? Speed,
    LiveCalls Calls,
    long? Sequence,
    DateTimeOffset? StateAt,
    DateTimeOffset? StateDeviceTime,
    IReadOnlyList<bool> Inputs,
    IReadOnlyList<bool> Outputs,
    DateTimeOffset? IoAt,
    RunCounters? Counters,
    DeviceInfo? Info,
    IReadOnlyList<int> ActiveFaults,
    bool PassengersTrapped)
{
    public static LiveElevatorState From(ElevatorLiveState s) => new(
        s.ElevatorId, s.DeviceId, ElevatorStatuses.Of(s), s.Online, s.OnlineSince, s.OfflineSince, s.LastSeen,
        s.HasState, s.Mode, s.Running, s.Direction, s.Floor, s.FloorLabel, s.Door, s.InDoorZone, s.PassengerInCar,
        s.LoadPercent, s.Speed, new LiveCalls(s.Calls.Car, s.Calls.Up, s.Calls.Down), s.Sequence, s.StateAt,
        s.StateDeviceTime, s.Inputs, s.Outputs, s.IoAt, s.Counters, s.Info, [.. s.ActiveFaults], s.PassengersTrapped);
}

/// <summary>Registered calls: in the car, and up / down at the landings (floor numbers).</summary>
public sealed record LiveCalls(IReadOnlyList<int> Car, IReadOnlyList<int> Up, IReadOnlyList<int> Down);
