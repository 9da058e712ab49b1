using Microsoft.EntityFrameworkCore;
using TiLianBang.Core.Common;
using TiLianBang.Core.Data;

namespace TiLianBang.Core.Elevators;

/// <summary>
/// Reading and editing elevator archives. Company scoping comes from the DbContext's query filters: an elevator
/// outside the actor's scope simply does not exist here, for listing, opening and changing alike.
/// </summary>
public sealed class ElevatorService(TiLianBangDbContext db)
{
    public async Task<IReadOnlyList<ElevatorSummary>> ListAsync(string? search, CancellationToken cancellationToken)
    {
        var query = db.Elevators.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(search))
        {
            var term = search.Trim();
            query = query.Where(e => e.Number.Contains(term) || e.Name.Contains(term) || e.Community!.Name.Contains(term));
        }
        return await query
            .OrderBy(e => e.Number)
            .Select(e => new ElevatorSummary(
                e.Id, e.Number, e.Name, e.RegisterCode, e.CommunityId, e.Community!.Name, e.Community.Region,
                e.UserUnit!.Name, e.MaintenanceCompany!.Name, e.Brand, e.Floors, e.NextInspectionDate))
            .ToListAsync(cancellationToken);
    }

    public async Task<Elevator> GetAsync(int id, CancellationToken cancellationToken) =>
        await db.Elevators.AsNoTracking()
            .Include(e => e.Community)
            .Include(e => e.UserUnit)
            .Include(e => e.MaintenanceCompany)
            .Include(e => e.Manufacturer)
            .Include(e => e.InspectionAgency)
            .SingleOrDefaultAsync(e => e.Id == id, cancellationToken)
        ?? throw NotFound(id);

    public async Task UpdateBasicsAsync(int id, ElevatorBasics basics, CancellationToken cancellationToken)
    {
        ElevatorBasicsRules.Validate(basics);
        var elevator = await db.Elevators.SingleOrDefaultAsync(e => e.Id == id, cancellationToken) ?? throw NotFound(id);
        elevator.Name = basics.Name.Trim();
        elevator.Brand = basics.Brand?.Trim();
        elevator.Model = basics.Model?.Trim();
        elevator.Floors = basics.Floors;
        elevator.RatedSpeed = basics.RatedSpeed;
        elevator.RatedLoad = basics.RatedLoad;
        elevator.NextInspectionDate = basics.NextInspectionDate;
        await db.SaveChangesAsync(cancellationToken);
    }

    private static DomainException NotFound(int id) =>
        new("elevator.not_found", $"电梯 {id} 不存在或无权查看。", DomainErrorKind.NotFound);
}
