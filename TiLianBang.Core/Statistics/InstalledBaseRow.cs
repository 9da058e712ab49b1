namespace TiLianBang.Core.Statistics;

/// <summary>One bar or row of the installed base: a district, usage category, year or age band and its elevators.</summary>
public sealed record InstalledBaseRow(string Label, int Count);

/// <summary>The whole installed base at once, as the wall screen shows it.</summary>
public sealed record InstalledBaseOverview(
    int Total,
    IReadOnlyList<InstalledBaseRow> ByDistrict,
    IReadOnlyList<InstalledBaseRow> ByUsage,
    IReadOnlyList<InstalledBaseRow> ByYear,
    IReadOnlyList<InstalledBaseRow> ByAge);
