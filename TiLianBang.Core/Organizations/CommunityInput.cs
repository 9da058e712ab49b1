namespace TiLianBang.Core.Organizations;

/// <summary>What 小区管理 submits; the location is WGS-84 (the page converts from the GCJ-02 map it shows).</summary>
public sealed record CommunityInput
{
    public string Name { get; init; } = "";
    public string Province { get; init; } = "";
    public string? City { get; init; }
    public string? District { get; init; }
    public string? Address { get; init; }
    public double Latitude { get; init; }
    public double Longitude { get; init; }

    public static CommunityInput Of(Community c) => new()
    {
        Name = c.Name, Province = c.Region.Province, City = c.Region.City, District = c.Region.District, Address = c.Address,
        Latitude = c.Latitude, Longitude = c.Longitude,
    };
}
