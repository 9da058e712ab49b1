using TiLianBang.Core.Common;

namespace TiLianBang.Core.Organizations;

/// <summary>
/// The 1 km rule of emergency repair (REP-2): a worker accepts an alarm and signs in on site only within this
/// distance of the elevator's community. Great-circle distance (haversine) on WGS-84 coordinates.
/// </summary>
public static class Geofence
{
    public const double DefaultRadiusMeters = 1000;
    private const double EarthRadiusMeters = 6_371_008.8;

    public static double DistanceMeters(GeoPoint a, GeoPoint b)
    {
        static double Radians(double degrees) => degrees * Math.PI / 180;
        var dLat = Radians(b.Latitude - a.Latitude);
        var dLon = Radians(b.Longitude - a.Longitude);
        var h = Math.Pow(Math.Sin(dLat / 2), 2)
            + Math.Cos(Radians(a.Latitude)) * Math.Cos(Radians(b.Latitude)) * Math.Pow(Math.Sin(dLon / 2), 2);
        return 2 * EarthRadiusMeters * Math.Asin(Math.Min(1, Math.Sqrt(h)));
    }

    public static bool Contains(GeoPoint center, GeoPoint position, double radiusMeters = DefaultRadiusMeters) =>
        DistanceMeters(center, position) <= radiusMeters;

    public static bool IsValid(GeoPoint point) =>
        double.IsFinite(point.Latitude) && double.IsFinite(point.Longitude)
        && point.Latitude is >= -90 and <= 90 && point.Longitude is >= -180 and <= 180;

    /// <summary>
    /// The on-site rule of repairs and maintenance: a real position, within <paramref name="radiusMeters"/> of the
    /// community, or a refusal saying how far away the person is (<paramref name="errorCode"/>, e.g. repair.out_of_range).
    /// </summary>
    public static GeoPoint RequireOnSite(GeoPoint? position, Community community, double radiusMeters, string errorCode, string actionName)
    {
        if (position is not { } at || !IsValid(at))
        {
            throw new ValidationException(new Dictionary<string, string> { ["Position"] = "需要您当前的位置（请允许定位）。" });
        }
        var distance = DistanceMeters(community.Location, at);
        if (distance > radiusMeters)
        {
            throw new DomainException(errorCode,
                $"您距离{community.Name}约 {distance / 1000:0.0} 公里，需在 {radiusMeters / 1000:0.#} 公里范围内才能{actionName}。",
                DomainErrorKind.Conflict);
        }
        return at;
    }
}
