namespace TiLianBang.Core.Organizations;

/// <summary>
/// Administrative region (省/市/区). A supervisor's region may stop at province or city level,
/// which then covers everything below it.
/// </summary>
public sealed record Region
{
    public required string Province { get; init; }
    public string? City { get; init; }
    public string? District { get; init; }

    public bool Contains(Region other) =>
        Province == other.Province
        && (City is null || City == other.City)
        && (District is null || District == other.District);

    public override string ToString() => string.Concat(Province, City == Province ? null : City, District);
}
