using TiLianBang.Core.Devices.LiveState;
using TiLianBang.Core.Devices.Protocol;
using TiLianBang.Core.Elevators;

namespace TiLianBang.Core.Monitoring;

/// <summary>
/// An elevator's live state as the mini-program shows it, floors as their labels: the one shape of 监控详情's
/// <c>live</c>, of the live socket's <c>elevatorState</c> frames and of 设备调试's current data, so a client applies a
/// frame to the view it fetched. <see cref="HasState"/> false: the collector has not described the car since
/// start-up, so mode, floor and door are unknown.
/// </summary>
public sealed record LiveStateView(
    bool Online,
    bool HasState,
    ServiceMode Mode,
    CarDirection Direction,
    bool Running,
    int? Floor,
    string? FloorLabel,
    DoorState Door,
    bool? InDoorZone,
    bool? PassengerInCar,
    double? LoadPercent,
    double? Speed,
    CallLabels Calls,
    IReadOnlyList<ActiveFault> Faults,
    bool PassengersTrapped,
    DateTimeOffset? LastSeen,
    DateTimeOffset? StateAt)
{
    /// <summary>
    /// The view of <paramref name="state"/> (null: never heard from), landings labelled by <paramref name="map"/>,
    /// fault codes named by <paramref name="faultName"/> (in the reader's language).
    /// </summary>
    public static LiveStateView Of(ElevatorLiveState? state, FloorMap map, Func<int, string> faultName)
    {
        if (state is null)
        {
            return new LiveStateView(false, false, ServiceMode.Unknown, CarDirection.None, false, null, null,
                DoorState.Unknown, null, null, null, null, new CallLabels([], [], []), [], false, null, null);
        }
        IReadOnlyList<string> Labels(IReadOnlyList<int> landings) => landings.Select(map.Label).ToList();
        var known = state.HasState;
        return new LiveStateView(
            state.Online, known, state.Mode, state.Direction, state.Running,
            known ? state.Floor : null, known ? map.Label(state.Floor) : null,
            state.Door, state.InDoorZone, state.PassengerInCar, state.LoadPercent, state.Speed,
            new CallLabels(Labels(state.Calls.Car), Labels(state.Calls.Up), Labels(state.Calls.Down)),
            state.ActiveFaults.Select(code => new ActiveFault(code, faultName(code))).ToList(),
            state.PassengersTrapped, state.LastSeen, state.StateAt);
    }
}

/// <summary>Registered calls by landing label: 轿内指令, 上召, 下召.</summary>
public sealed record CallLabels(IReadOnlyList<string> Car, IReadOnlyList<string> Up, IReadOnlyList<string> Down);

/// <summary>A raised fault: its stable code and its name in the reader's language.</summary>
public sealed record ActiveFault(int Code, string Name);
