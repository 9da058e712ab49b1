using TiLianBang.Core.Organizations;

namespace TiLianBang.Web.Features.Organizations;

/// <summary>
/// Configuration section <c>Maps</c>: the tile source of every map (地图监控, the location picker). <c>Provider</c>
/// picks a preset (OpenStreetMap, 高德 Amap, 天地图 Tianditu) whose URL, subdomains, attribution and datum apply
/// unless set here. Chinese commercial tiles (高德, 腾讯) draw in GCJ-02, so points are converted for them;
/// OpenStreetMap and 天地图 (CGCS2000) draw in WGS-84. <c>Key</c> replaces <c>{key}</c> in the URL (天地图's
/// <c>tk</c>). An empty <c>TileUrl</c> shows markers on a blank map (offline LAN).
/// </summary>
public sealed class MapOptions
{
    public MapProvider Provider { get; set; } = MapProvider.OpenStreetMap;

    /// <summary>Null: the provider's; empty: no tiles at all.</summary>
    public string? TileUrl { get; set; }

    /// <summary>A second layer drawn over the tiles (天地图's place names); null: the provider's, empty: none.</summary>
    public string? LabelUrl { get; set; }

    public string? Subdomains { get; set; }
    public string? Key { get; set; }
    public string? Attribution { get; set; }
    public int? MaxZoom { get; set; }
    public MapDatum? Datum { get; set; }

    /// <summary>The tile source these options describe, presets filled in.</summary>
    public MapTileSource Resolve()
    {
        var preset = MapTileSource.Preset(Provider);
        string? Keyed(string? url) => string.IsNullOrWhiteSpace(url) ? null : url.Replace("{key}", Uri.EscapeDataString(Key ?? ""), StringComparison.Ordinal);
        return new MapTileSource(
            Keyed(TileUrl ?? preset.TileUrl),
            Keyed(LabelUrl ?? preset.LabelUrl),
            Subdomains ?? preset.Subdomains,
            Attribution ?? preset.Attribution,
            MaxZoom ?? preset.MaxZoom,
            Datum ?? preset.Datum);
    }
}

public enum MapProvider
{
    OpenStreetMap = 0,
    Amap = 1,
    Tianditu = 2,
}

public enum MapDatum
{
    Gcj02 = 0,
    Wgs84 = 1,
}

/// <summary>
/// A resolved tile source. Points are stored in WGS-84; <see cref="ToMap"/> and <see cref="FromMap"/> are the one
/// place where they are converted for the tiles' datum (the browser never converts).
/// </summary>
public sealed record MapTileSource(string? TileUrl, string? LabelUrl, string Subdomains, string? Attribution, int MaxZoom, MapDatum Datum)
{
    public static MapTileSource Preset(MapProvider provider) => provider switch
    {
        MapProvider.Amap => new("https://webrd0{s}.is.autonavi.com/appmaptile?lang=zh_cn&size=1&scale=1&style=8&x={x}&y={y}&z={z}", null,
            "1234", "© 高德地图", 18, MapDatum.Gcj02),
        MapProvider.Tianditu => new(
            "https://t{s}.tianditu.gov.cn/vec_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=vec&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk={key}",
            "https://t{s}.tianditu.gov.cn/cva_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=cva&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk={key}",
            "01234567", "© 天地图", 18, MapDatum.Wgs84),
        _ => new("https://tile.openstreetmap.org/{z}/{x}/{y}.png", null, "abc", "© OpenStreetMap contributors", 19, MapDatum.Wgs84),
    };

    public GeoPoint ToMap(GeoPoint wgs84) => Datum == MapDatum.Gcj02 ? ChinaDatum.WgsToGcj(wgs84) : wgs84;

    public GeoPoint FromMap(GeoPoint onMap) => Datum == MapDatum.Gcj02 ? ChinaDatum.GcjToWgs(onMap) : onMap;
}
