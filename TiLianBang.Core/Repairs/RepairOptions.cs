using TiLianBang.Core.Organizations;

namespace TiLianBang.Core.Repairs;

/// <summary>Configuration section <c>Repairs</c>: the REP-6 arrival limits (the geofence radius is in 系统配置).</summary>
public sealed class RepairOptions
{
    /// <summary>REP-6 arrival limit for trapped passengers where the community lies in a city district.</summary>
    public int CityArrivalLimitMinutes { get; set; } = 30;

    /// <summary>REP-6 arrival limit elsewhere (counties, towns).</summary>
    public int OtherArrivalLimitMinutes { get; set; } = 60;

    /// <summary>Per-region overrides: region name (province, city or district, e.g. "渝北区") → minutes.</summary>
    public Dictionary<string, int> ArrivalLimits { get; set; } = [];

    /// <summary>The arrival limit for a community's region: the most specific override, else city or elsewhere.</summary>
    public int ArrivalLimitFor(Region region)
    {
        foreach (var name in new[] { region.District, region.City, region.Province })
        {
            if (name is not null && ArrivalLimits.TryGetValue(name, out var minutes))
            {
                return minutes;
            }
        }
        // Chinese districts (区) are urban; counties (县) and the rest count as elsewhere.
        return region.District?.EndsWith('区') == true || (region.District is null && region.City is not null)
            ? CityArrivalLimitMinutes
            : OtherArrivalLimitMinutes;
    }
}
