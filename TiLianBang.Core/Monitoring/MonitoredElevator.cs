using TiLianBang.Core.Organizations;

namespace TiLianBang.Core.Monitoring;

/// <summary>One elevator in the mini-program's monitoring list: who it is, where, and how it is doing now.</summary>
public sealed record MonitoredElevator(
    int Id,
    string Number,
    string Name,
    int CommunityId,
    string CommunityName,
    ElevatorStatus Status,
    bool Online,
    string? FloorLabel,
    MapPosition Position,
    double? DistanceMeters);
