using TiLianBang.Core.Organizations;

namespace TiLianBang.Tests.Repairs;

public sealed class GeofenceTests
{
    [Fact]
    public void DistancesMatchKnownGreatCircleValues()
    {
        // 解放碑 to 观音桥 in Chongqing: about 4.7 km as the crow flies.
        var jiefangbei = new GeoPoint(29.5580, 106.5770);
        var guanyinqiao = new GeoPoint(29.5751, 106.5330);

        Assert.InRange(Geofence.DistanceMeters(jiefangbei, guanyinqiao), 4_600, 4_700);
        Assert.InRange(Geofence.DistanceMeters(new GeoPoint(0, 0), new GeoPoint(0, 1)), 111_190, 111_200);
        Assert.Equal(0, Geofence.DistanceMeters(jiefangbei, jiefangbei));
    }

    [Fact]
    public void OneKilometreIsTheDefaultBoundary()
    {
        var site = new GeoPoint(29.6108, 106.5245);

        Assert.True(Geofence.Contains(site, site with { Latitude = site.Latitude + 0.0089 }));
        Assert.False(Geofence.Contains(site, site with { Latitude = site.Latitude + 0.0108 }));
        Assert.False(Geofence.IsValid(new GeoPoint(91, 0)));
    }
}
