using TiLianBang.Core.Devices.Protocol;

namespace TiLianBang.Core.Monitoring;

/// <summary>
/// An elevator's live state as 监控详情 shows it, floors as their labels. <see cref="HasState"/> false: the collector
/// has not described the car since start-up, so mode, floor and door are unknown.
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
    DateTimeOffset? StateAt);

/// <summary>Registered calls by landing label: 轿内指令, 上召, 下召.</summary>
public sealed record CallLabels(IReadOnlyList<string> Car, IReadOnlyList<string> Up, IReadOnlyList<string> Down);

public sealed record ActiveFault(int Code, string Name);
