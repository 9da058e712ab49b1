namespace TiLianBang.Core.Organizations;

/// <summary>小区: a residential community or site; its location is the centre of the 1 km geofence.</summary>
public class Community
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public required Region Region { get; set; }
    public string? Address { get; set; }
    /// <summary>WGS-84 latitude.</summary>
    public double Latitude { get; set; }
    /// <summary>WGS-84 longitude.</summary>
    public double Longitude { get; set; }

    public GeoPoint Location => new(Latitude, Longitude);
}
