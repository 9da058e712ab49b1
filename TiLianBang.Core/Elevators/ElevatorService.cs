using Microsoft.EntityFrameworkCore;
using TiLianBang.Core.Common;
using TiLianBang.Core.Data;
using TiLianBang.Core.Devices;

namespace TiLianBang.Core.Elevators;

/// <summary>
/// Reading and editing elevator archives. Company scoping comes from the DbContext's query filters: an elevator
/// outside the actor's scope simply does not exist here, for listing, opening and changing alike.
/// </summary>
public sealed class ElevatorService(TiLianBangDbContext db, DeviceDirectory devices, TimeProvider clock)
{
    public const int MaxFloorLabelLength = 8;

    /// <summary>
    /// mqtt 楼层 (DEV-4): sets the label of each physical landing, from landing 1 up. An empty list returns to the
    /// default (the index itself). New messages use the new labels at once.
    /// </summary>
    public async Task SetFloorLabelsAsync(int id, IReadOnlyList<string> labels, CancellationToken cancellationToken)
    {
        var elevator = await db.Elevators.SingleOrDefaultAsync(e => e.Id == id, cancellationToken) ?? throw NotFound(id);
        var cleaned = labels.Select(l => l.Trim()).ToList();
        var errors = new Dictionary<string, string>();
        if (cleaned.Count > Devices.Protocol.ProtocolParser.MaxLanding)
        {
            errors["FloorLabels"] = $"最多 {Devices.Protocol.ProtocolParser.MaxLanding} 个楼层。";
        }
        else if (cleaned.FindIndex(l => l.Length == 0 || l.Length > MaxFloorLabelLength) is var bad and >= 0)
        {
            errors["FloorLabels"] = $"第 {bad + 1} 层的名称应为 1–{MaxFloorLabelLength} 个字符。";
        }
        else if (cleaned.GroupBy(l => l).FirstOrDefault(g => g.Count() > 1) is { } duplicate)
        {
            errors["FloorLabels"] = $"楼层名称“{duplicate.Key}”重复。";
        }
        if (errors.Count > 0)
        {
            throw new ValidationException(errors);
        }
        elevator.FloorLabels = cleaned;
        await db.SaveChangesAsync(cancellationToken);
        if (devices.FindByElevator(id) is { } device)
        {
            await devices.RefreshAsync(device.DeviceId, cancellationToken);
        }
    }

    public async Task<IReadOnlyList<ElevatorSummary>> ListAsync(ElevatorArchiveFilter? filter, CancellationToken cancellationToken) =>
        await Summaries(filter).ToListAsync(cancellationToken);

    /// <summary>One page of the same list, for the API.</summary>
    public Task<PagedList<ElevatorSummary>> PageAsync(ElevatorArchiveFilter? filter, Paging paging, CancellationToken cancellationToken) =>
        Summaries(filter).ToPagedListAsync(paging, cancellationToken);

    private IQueryable<ElevatorSummary> Summaries(ElevatorArchiveFilter? filter)
    {
        var query = (filter ?? new ElevatorArchiveFilter()).Apply(db.Elevators.AsNoTracking(), clock.Today());
        return query
            .OrderBy(e => e.Number)
            .Select(e => new ElevatorSummary(
                e.Id, e.Number, e.Name, e.RegisterCode, e.CommunityId, e.Community!.Name, e.Community.Region,
                e.UserUnit!.Name, e.MaintenanceCompany!.Name, e.Brand, e.Floors, e.NextInspectionDate));
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

    private static DomainException NotFound(int id) =>
        new("elevator.not_found", $"电梯 {id} 不存在或无权查看。", DomainErrorKind.NotFound);
}
