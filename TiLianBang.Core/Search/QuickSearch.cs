using Microsoft.EntityFrameworkCore;
using TiLianBang.Core.Data;

namespace TiLianBang.Core.Search;

/// <summary>
/// The app bar's global search: an elevator by number, name or register code, a repair or maintenance order by
/// number. The company scope of the context applies, so nobody finds what they may not see.
/// </summary>
public sealed class QuickSearch(TiLianBangDbContext db)
{
    public const int MinimumLength = 2;

    public async Task<IReadOnlyList<SearchHit>> FindAsync(string? text, int perKind, CancellationToken cancellationToken)
    {
        var term = text?.Trim() ?? "";
        if (term.Length < MinimumLength || term.Length > 64)
        {
            return [];
        }
        perKind = Math.Clamp(perKind, 1, 20);
        var elevators = await db.Elevators.AsNoTracking()
            .Where(e => e.Number.Contains(term) || e.Name.Contains(term) || (e.RegisterCode != null && e.RegisterCode.Contains(term)))
            .OrderBy(e => e.Number.StartsWith(term) ? 0 : 1).ThenBy(e => e.Number)
            .Take(perKind)
            .Select(e => new SearchHit(SearchHitKind.Elevator, e.Id, e.Number, e.Name + (e.RegisterCode != null ? " · " + e.RegisterCode : "")))
            .ToListAsync(cancellationToken);
        var repairs = await db.RepairOrders.AsNoTracking()
            .Where(o => o.Number.Contains(term))
            .OrderByDescending(o => o.Id)
            .Take(perKind)
            .Select(o => new SearchHit(SearchHitKind.RepairOrder, o.Id, o.Number, o.Elevator!.Number + " · " + o.Description))
            .ToListAsync(cancellationToken);
        var maintenance = await db.MaintenanceOrders.AsNoTracking()
            .Where(o => o.Number.Contains(term))
            .OrderByDescending(o => o.Id)
            .Take(perKind)
            .Select(o => new SearchHit(SearchHitKind.MaintenanceOrder, o.Id, o.Number, o.Elevator!.Number + " · " + o.Elevator.Name))
            .ToListAsync(cancellationToken);
        return [.. elevators, .. repairs, .. maintenance];
    }
}

public enum SearchHitKind
{
    Elevator,
    RepairOrder,
    MaintenanceOrder,
}

public sealed record SearchHit(SearchHitKind Kind, int Id, string Title, string Subtitle);
