using TiLianBang.Core.Organizations;

namespace TiLianBang.Core.Monitoring;

/// <summary>
/// One marker of 地图监控: a community with the caller's elevators in it. The archive has no building field, so the
/// elevators of a community share its marker (never stacked markers) and are listed per car beside the map.
/// </summary>
public sealed record MapPlace(int Id, string Name, string? District, string? Address, GeoPoint Location, IReadOnlyList<MapElevator> Elevators);

/// <summary>A car listed under its place's marker.</summary>
public sealed record MapElevator(int Id, string Number, string Name, int PlaceId);
