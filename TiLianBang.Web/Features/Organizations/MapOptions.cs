namespace TiLianBang.Web.Features.Organizations;

/// <summary>
/// Configuration section <c>Maps</c>: the tile source of the maps. Chinese tile services (高德, 腾讯) draw in
/// GCJ-02, so points are converted for them; a tile server in WGS-84 (e.g. an internal OpenStreetMap) needs
/// <c>Datum = Wgs84</c>. An empty <c>TileUrl</c> shows the marker on a blank map (offline LAN).
/// </summary>
public sealed class MapOptions
{
    public string? TileUrl { get; set; } = "https://webrd0{s}.is.autonavi.com/appmaptile?lang=zh_cn&size=1&scale=1&style=8&x={x}&y={y}&z={z}";
    public string Subdomains { get; set; } = "1234";
    public MapDatum Datum { get; set; } = MapDatum.Gcj02;
}

public enum MapDatum
{
    Gcj02 = 0,
    Wgs84 = 1,
}
