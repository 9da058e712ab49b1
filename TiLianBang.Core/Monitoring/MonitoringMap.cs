using Microsoft.EntityFrameworkCore;
using TiLianBang.Core.Data;

namespace TiLianBang.Core.Monitoring;

/// <summary>
/// 地图监控 (MON-6): every community holding an elevator the caller may see, with those elevators. One query through
/// the scoped DbContext (its filters hide another company's elevators, and so communities with none of the
/// caller's); live status comes from the hub on the page.
/// </summary>
public sealed class MonitoringMap(TiLianBangDbContext db)
{
    public async Task<IReadOnlyList<MapPlace>> PlacesAsync(CancellationToken cancellationToken)
    {
        var rows = await db.Elevators.AsNoTracking()
            .Select(e => new
            {
                e.Id, e.Number, e.Name, e.CommunityId, Community = e.Community!.Name, e.Community.Region.District, e.Community.Address,
                e.Community.Latitude, e.Community.Longitude,
            })
            .ToListAsync(cancellationToken);
        return rows
            .GroupBy(r => r.CommunityId)
            .Select(g =>
            {
                var first = g.First();
                return new MapPlace(g.Key, first.Community, first.District, first.Address, new Organizations.GeoPoint(first.Latitude, first.Longitude),
                    g.OrderBy(r => r.Number, StringComparer.Ordinal).Select(r => new MapElevator(r.Id, r.Number, r.Name, g.Key)).ToList());
            })
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .ToList();
    }
}
