using Microsoft.EntityFrameworkCore;
using TiLianBang.Core.Common;
using TiLianBang.Core.Data;
using TiLianBang.Core.Elevators;

namespace TiLianBang.Core.Statistics;

/// <summary>
/// STA-4 / STA-5 装机统计: the elevators the caller may see (company scoping through the DbContext), counted by
/// district, usage category, installation year and age. The database counts; only the few groups come back.
/// </summary>
public sealed class InstalledBase(TiLianBangDbContext db, TimeProvider clock)
{
    /// <summary>Label of the year group for elevators without an installation date.</summary>
    public const string UnknownYear = "未知";

    /// <summary>The districts (or city / province where a region stops above district) the caller's elevators are in.</summary>
    public async Task<IReadOnlyList<string>> DistrictsAsync(CancellationToken cancellationToken) =>
        await db.Elevators
            .Select(e => e.Community!.Region.District ?? e.Community.Region.City ?? e.Community.Region.Province)
            .Distinct()
            .OrderBy(d => d)
            .ToListAsync(cancellationToken);

    public async Task<InstalledBaseOverview> OverviewAsync(string? district, CancellationToken cancellationToken)
    {
        var byDistrict = await ByAsync(InstalledBaseGrouping.District, district, cancellationToken);
        return new InstalledBaseOverview(
            byDistrict.Sum(r => r.Count),
            byDistrict,
            await ByAsync(InstalledBaseGrouping.Usage, district, cancellationToken),
            await ByAsync(InstalledBaseGrouping.Year, district, cancellationToken),
            await ByAsync(InstalledBaseGrouping.Age, district, cancellationToken));
    }

    /// <summary>One grouping, optionally within one district; every category of a fixed list is listed, also at 0.</summary>
    public Task<IReadOnlyList<InstalledBaseRow>> ByAsync(InstalledBaseGrouping grouping, string? district, CancellationToken cancellationToken)
    {
        var elevators = Within(district);
        return grouping switch
        {
            InstalledBaseGrouping.Usage => ByUsageAsync(elevators, cancellationToken),
            InstalledBaseGrouping.Year => ByYearAsync(elevators, cancellationToken),
            InstalledBaseGrouping.Age => ByAgeAsync(elevators, cancellationToken),
            _ => ByDistrictAsync(elevators, cancellationToken),
        };
    }

    private IQueryable<Elevator> Within(string? district)
    {
        var elevators = db.Elevators.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(district))
        {
            var name = district.Trim();
            elevators = elevators.Where(e => (e.Community!.Region.District ?? e.Community.Region.City ?? e.Community.Region.Province) == name);
        }
        return elevators;
    }

    private static async Task<IReadOnlyList<InstalledBaseRow>> ByDistrictAsync(IQueryable<Elevator> elevators, CancellationToken cancellationToken)
    {
        var groups = await elevators
            .GroupBy(e => e.Community!.Region.District ?? e.Community.Region.City ?? e.Community.Region.Province)
            .Select(g => new { Name = g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken);
        return groups.OrderByDescending(g => g.Count).ThenBy(g => g.Name, StringComparer.Ordinal).Select(g => new InstalledBaseRow(g.Name, g.Count)).ToList();
    }

    /// <summary>The database counts each distinct text; the few texts are then mapped to their category.</summary>
    private static async Task<IReadOnlyList<InstalledBaseRow>> ByUsageAsync(IQueryable<Elevator> elevators, CancellationToken cancellationToken)
    {
        var texts = await elevators
            .GroupBy(e => e.UsagePlace)
            .Select(g => new { Text = g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var counts = texts.GroupBy(t => UsagePlaces.CategoryOf(t.Text)).ToDictionary(g => g.Key, g => g.Sum(t => t.Count));
        return UsagePlaces.InOrder.Select(c => new InstalledBaseRow(c, counts.GetValueOrDefault(c))).ToList();
    }

    private static async Task<IReadOnlyList<InstalledBaseRow>> ByYearAsync(IQueryable<Elevator> elevators, CancellationToken cancellationToken)
    {
        var years = await elevators
            .GroupBy(e => e.InstallDate.HasValue ? e.InstallDate.Value.Year : (int?)null)
            .Select(g => new { Year = g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken);
        return years
            .OrderBy(y => y.Year ?? int.MaxValue)
            .Select(y => new InstalledBaseRow(y.Year?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? UnknownYear, y.Count))
            .ToList();
    }

    /// <summary>One query counts every band by comparing installation dates with the bands' first days.</summary>
    private async Task<IReadOnlyList<InstalledBaseRow>> ByAgeAsync(IQueryable<Elevator> elevators, CancellationToken cancellationToken)
    {
        var today = clock.Today();
        DateOnly? after6 = AgeBands.YoungerThan(6, today), after11 = AgeBands.YoungerThan(11, today),
            after16 = AgeBands.YoungerThan(16, today), after21 = AgeBands.YoungerThan(21, today);
        var bands = await elevators
            .GroupBy(_ => 1)
            .Select(g => new
            {
                UpTo5 = g.Count(e => e.InstallDate > after6),
                UpTo10 = g.Count(e => e.InstallDate <= after6 && e.InstallDate > after11),
                UpTo15 = g.Count(e => e.InstallDate <= after11 && e.InstallDate > after16),
                UpTo20 = g.Count(e => e.InstallDate <= after16 && e.InstallDate > after21),
                Over20 = g.Count(e => e.InstallDate <= after21),
                Unknown = g.Count(e => e.InstallDate == null),
            })
            .SingleOrDefaultAsync(cancellationToken);
        return
        [
            new(AgeBands.UpTo5, bands?.UpTo5 ?? 0),
            new(AgeBands.UpTo10, bands?.UpTo10 ?? 0),
            new(AgeBands.UpTo15, bands?.UpTo15 ?? 0),
            new(AgeBands.UpTo20, bands?.UpTo20 ?? 0),
            new(AgeBands.Over20, bands?.Over20 ?? 0),
            new(AgeBands.Unknown, bands?.Unknown ?? 0),
        ];
    }
}
