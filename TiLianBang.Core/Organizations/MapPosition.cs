namespace TiLianBang.Core.Organizations;

/// <summary>
/// A position named by its datum: <c>wgs84</c> as stored (GPS), and <c>gcj02</c> for maps drawn in China — the
/// mini-program's own map component and <c>wx.openLocation</c> expect GCJ-02.
/// </summary>
public sealed record MapPosition(MapCoordinate Wgs84, MapCoordinate Gcj02)
{
    public static MapPosition From(GeoPoint wgs84)
    {
        var gcj = ChinaDatum.WgsToGcj(wgs84);
        return new MapPosition(new MapCoordinate(wgs84.Latitude, wgs84.Longitude), new MapCoordinate(gcj.Latitude, gcj.Longitude));
    }

    public static MapPosition? From(double? latitude, double? longitude) =>
        latitude is { } lat && longitude is { } lon ? From(new GeoPoint(lat, lon)) : null;
}

public sealed record MapCoordinate(double Latitude, double Longitude);
