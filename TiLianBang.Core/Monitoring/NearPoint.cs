using TiLianBang.Core.Common;
using TiLianBang.Core.Organizations;

namespace TiLianBang.Core.Monitoring;

/// <summary>
/// "Near me" of the mini-program: a phone's position (WGS-84 unless <c>datum</c> says gcj02) and a radius. Distances
/// are great-circle (haversine) in memory; a bounding box narrows the rows in SQL first.
/// </summary>
public sealed record NearPoint(GeoPoint Center, double RadiusMeters)
{
    public const double DefaultRadiusMeters = 5_000;
    public const double MaxRadiusMeters = 50_000;
    private const double MetersPerDegreeLatitude = 111_320;

    /// <summary>Null when neither coordinate is given; refuses half a position, a bad datum or radius, naming the query parameter.</summary>
    public static NearPoint? From(double? latitude, double? longitude, string? datum, double? radius)
    {
        var errors = new Dictionary<string, string>();
        if (latitude is null && longitude is null)
        {
            if (radius is not null)
            {
                errors["latitude"] = "按距离查询需要纬度和经度。";
                throw new ValidationException(errors);
            }
            return null;
        }
        if (latitude is not { } lat || !double.IsFinite(lat) || lat is < -90 or > 90)
        {
            errors["latitude"] = "纬度须为 -90 到 90 之间的数。";
        }
        if (longitude is not { } lon || !double.IsFinite(lon) || lon is < -180 or > 180)
        {
            errors["longitude"] = "经度须为 -180 到 180 之间的数。";
        }
        var isGcj = false;
        if (!string.IsNullOrWhiteSpace(datum))
        {
            isGcj = datum.Trim().Equals("gcj02", StringComparison.OrdinalIgnoreCase);
            if (!isGcj && !datum.Trim().Equals("wgs84", StringComparison.OrdinalIgnoreCase))
            {
                errors["datum"] = "坐标系须为 wgs84 或 gcj02。";
            }
        }
        if (radius is { } r && (!double.IsFinite(r) || r < 1 || r > MaxRadiusMeters))
        {
            errors["radius"] = "半径须为 1–50000 米。";
        }
        if (errors.Count > 0)
        {
            throw new ValidationException(errors);
        }
        var point = new GeoPoint(latitude!.Value, longitude!.Value);
        return new NearPoint(isGcj ? ChinaDatum.GcjToWgs(point) : point, radius ?? DefaultRadiusMeters);
    }

    public double MinLatitude => Center.Latitude - LatitudeSpan;
    public double MaxLatitude => Center.Latitude + LatitudeSpan;
    public double MinLongitude => Center.Longitude - LongitudeSpan;
    public double MaxLongitude => Center.Longitude + LongitudeSpan;

    private double LatitudeSpan => RadiusMeters / MetersPerDegreeLatitude;

    // Near the poles a degree of longitude shrinks to nothing; the box then spans every longitude, which is still right.
    private double LongitudeSpan => RadiusMeters / (MetersPerDegreeLatitude * Math.Max(0.01, Math.Cos(Center.Latitude * Math.PI / 180)));

    /// <summary>The distance to <paramref name="point"/> when it lies within the radius, else null.</summary>
    public double? DistanceTo(GeoPoint point) =>
        Geofence.DistanceMeters(Center, point) is var meters && meters <= RadiusMeters ? meters : null;
}
