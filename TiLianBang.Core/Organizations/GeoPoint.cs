namespace TiLianBang.Core.Organizations;

/// <summary>A WGS-84 position (what GPS and the mini-program report); map tiles in China may need GCJ-02.</summary>
public readonly record struct GeoPoint(double Latitude, double Longitude);
