using TiLianBang.Core.Organizations;

namespace TiLianBang.Core.Monitoring;

/// <summary>A community on the map: its elevators in the caller's scope and the worst status among them.</summary>
public sealed record GisCommunity(
    int Id, string Name, string? Address, string? District, MapPosition Position, int ElevatorCount, ElevatorStatus? WorstStatus, double? DistanceMeters);
