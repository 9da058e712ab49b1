namespace TiLianBang.Core.Organizations;

/// <summary>
/// WGS-84 ⇄ GCJ-02 (火星坐标), the datum of maps published in China (高德, 腾讯). We store WGS-84 (what phones and
/// collectors report) and convert only to show points on GCJ-02 tiles and to read a point picked on them. The
/// formula is the community-published one (googollee/eviltransform, BSD-2-Clause; see ../shared/data/gcj02.md);
/// the inverse iterates until it is exact to well under a metre.
/// </summary>
public static class ChinaDatum
{
    private const double A = 6378245.0;
    private const double Ee = 0.00669342162296594323;

    public static bool OutOfChina(GeoPoint p) =>
        p.Longitude < 72.004 || p.Longitude > 137.8347 || p.Latitude < 0.8293 || p.Latitude > 55.8271;

    public static GeoPoint WgsToGcj(GeoPoint wgs)
    {
        if (OutOfChina(wgs))
        {
            return wgs;
        }
        var (dLat, dLng) = Delta(wgs.Latitude, wgs.Longitude);
        return new GeoPoint(wgs.Latitude + dLat, wgs.Longitude + dLng);
    }

    /// <summary>The WGS-84 point that shows at <paramref name="gcj"/>: iterated from the fast inverse to within 1e-9°.</summary>
    public static GeoPoint GcjToWgs(GeoPoint gcj)
    {
        if (OutOfChina(gcj))
        {
            return gcj;
        }
        var wgs = gcj;
        for (var i = 0; i < 30; i++)
        {
            var back = WgsToGcj(wgs);
            var (eLat, eLng) = (back.Latitude - gcj.Latitude, back.Longitude - gcj.Longitude);
            if (Math.Abs(eLat) < 1e-9 && Math.Abs(eLng) < 1e-9)
            {
                break;
            }
            wgs = new GeoPoint(wgs.Latitude - eLat, wgs.Longitude - eLng);
        }
        return wgs;
    }

    private static (double DLat, double DLng) Delta(double lat, double lng)
    {
        var x = lng - 105.0;
        var y = lat - 35.0;
        var d = 20.0 * Math.Sin(6.0 * x * Math.PI) + 20.0 * Math.Sin(2.0 * x * Math.PI);
        var tLat = d + 20.0 * Math.Sin(y * Math.PI) + 40.0 * Math.Sin(y / 3.0 * Math.PI) + 160.0 * Math.Sin(y / 12.0 * Math.PI) + 320.0 * Math.Sin(y * Math.PI / 30.0);
        var tLng = d + 20.0 * Math.Sin(x * Math.PI) + 40.0 * Math.Sin(x / 3.0 * Math.PI) + 150.0 * Math.Sin(x / 12.0 * Math.PI) + 300.0 * Math.Sin(x / 30.0 * Math.PI);
        tLat = tLat * 2.0 / 3.0 - 100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.Sqrt(Math.Abs(x));
        tLng = tLng * 2.0 / 3.0 + 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.Sqrt(Math.Abs(x));
        var radLat = lat / 180.0 * Math.PI;
        var m = 1 - Ee * Math.Sin(radLat) * Math.Sin(radLat);
        var s = Math.Sqrt(m);
        return (tLat * 180.0 / (A * (1 - Ee) / (m * s) * Math.PI), tLng * 180.0 / (A / s * Math.Cos(radLat) * Math.PI));
    }
}
