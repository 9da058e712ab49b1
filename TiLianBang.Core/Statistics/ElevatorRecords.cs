using System.Globalization;
using Microsoft.EntityFrameworkCore;
using TiLianBang.Core.Common;
using TiLianBang.Core.Data;
using TiLianBang.Core.Elevators;
using TiLianBang.Core.FaultCodes;
using TiLianBang.Core.Localization;
using TiLianBang.Core.Maintenance;
using TiLianBang.Core.Monitoring;
using TiLianBang.Core.Repairs;

namespace TiLianBang.Core.Statistics;

/// <summary>
/// STA-1 电梯信息查询: the caller's elevators, searchable, and each one's 维保记录, 维修记录 and 故障记录 over a
/// period. The request's DbContext filters by company, so another company's elevator is "not found" here.
/// </summary>
public sealed class ElevatorRecords(TiLianBangDbContext db, TimeProvider clock, MaintenanceOrders maintenance, RepairService repairs, FaultCodeCatalog faultCodes)
{
    public Task<PagedList<ElevatorSummary>> SearchAsync(ElevatorLookupFilter filter, Paging paging, CancellationToken cancellationToken)
    {
        var elevators = db.Elevators.AsNoTracking();
        if (SearchTerm.From(filter.Search) is { } term)
        {
            elevators = elevators.Where(e => e.Number.Contains(term) || e.Name.Contains(term) || (e.RegisterCode != null && e.RegisterCode.Contains(term))
                || e.Community!.Name.Contains(term));
        }
        if (filter.CommunityId is { } communityId)
        {
            elevators = elevators.Where(e => e.CommunityId == communityId);
        }
        if (SearchTerm.From(filter.District, "district") is { } district)
        {
            elevators = elevators.Where(e => e.Community!.Region.District == district);
        }
        if (SearchTerm.From(filter.Brand, "brand") is { } brand)
        {
            elevators = elevators.Where(e => e.Brand == brand);
        }
        return elevators
            .OrderBy(e => e.Number).ThenBy(e => e.Id)
            .Select(e => new ElevatorSummary(
                e.Id, e.Number, e.Name, e.RegisterCode, e.CommunityId, e.Community!.Name, e.Community.Region,
                e.UserUnit!.Name, e.MaintenanceCompany!.Name, e.Brand, e.Floors, e.NextInspectionDate))
            .ToPagedListAsync(paging, cancellationToken);
    }

    public async Task<ElevatorLookupOptions> OptionsAsync(CancellationToken cancellationToken)
    {
        var elevators = db.Elevators.AsNoTracking();
        var communities = await elevators.Select(e => new { e.CommunityId, e.Community!.Name }).Distinct().OrderBy(c => c.Name).ToListAsync(cancellationToken);
        var districts = await elevators.Where(e => e.Community!.Region.District != null).Select(e => e.Community!.Region.District!).Distinct().OrderBy(d => d).ToListAsync(cancellationToken);
        var brands = await elevators.Where(e => e.Brand != null && e.Brand != "").Select(e => e.Brand!).Distinct().OrderBy(b => b).ToListAsync(cancellationToken);
        return new ElevatorLookupOptions(communities.Select(c => new CommunityChoice(c.CommunityId, c.Name)).ToList(), districts, brands);
    }

    /// <summary>维保记录: the elevator's maintenance orders due in the period, the latest first.</summary>
    public async Task<PagedList<MaintenanceOrderSummary>> MaintenanceAsync(int elevatorId, StatisticsPeriod period, Paging paging, CancellationToken cancellationToken)
    {
        await RequireVisibleAsync(elevatorId, cancellationToken);
        return await maintenance.PageAsync(MaintenanceQuery(elevatorId, period), paging, cancellationToken);
    }

    public async Task<IReadOnlyList<MaintenanceOrderSummary>> AllMaintenanceAsync(int elevatorId, StatisticsPeriod period, CancellationToken cancellationToken)
    {
        await RequireVisibleAsync(elevatorId, cancellationToken);
        return await maintenance.ListAsync(MaintenanceQuery(elevatorId, period) with { Take = 2000 }, cancellationToken);
    }

    private static MaintenanceOrderQuery MaintenanceQuery(int elevatorId, StatisticsPeriod period) =>
        new() { ElevatorId = elevatorId, DueFrom = period.From, DueTo = period.To, NewestFirst = true };

    /// <summary>维修记录: the elevator's repair orders raised in the period, the latest first.</summary>
    public async Task<PagedList<ElevatorRepairRecord>> RepairsAsync(int elevatorId, StatisticsPeriod period, Paging paging, CancellationToken cancellationToken)
    {
        await RequireVisibleAsync(elevatorId, cancellationToken);
        var orders = RepairOrders(elevatorId, period);
        var total = await orders.CountAsync(cancellationToken);
        return new PagedList<ElevatorRepairRecord>(await RepairRows(orders.Skip(paging.Skip).Take(paging.PageSize), cancellationToken), total, paging);
    }

    public async Task<IReadOnlyList<ElevatorRepairRecord>> AllRepairsAsync(int elevatorId, StatisticsPeriod period, CancellationToken cancellationToken)
    {
        await RequireVisibleAsync(elevatorId, cancellationToken);
        return await RepairRows(RepairOrders(elevatorId, period).Take(SpreadsheetLimits.MaxRows), cancellationToken);
    }

    private IQueryable<RepairOrder> RepairOrders(int elevatorId, StatisticsPeriod period)
    {
        var (fromUtc, toUtc) = period.UtcRange(clock);
        return db.RepairOrders.AsNoTracking()
            .Where(o => o.ElevatorId == elevatorId && o.CreatedAtUtc >= fromUtc && o.CreatedAtUtc < toUtc)
            .OrderByDescending(o => o.CreatedAtUtc).ThenByDescending(o => o.Id);
    }

    private async Task<IReadOnlyList<ElevatorRepairRecord>> RepairRows(IQueryable<RepairOrder> orders, CancellationToken cancellationToken) =>
        await orders.Select(o => new ElevatorRepairRecord(
                o.Id, o.Number, o.State, o.PassengersTrapped, o.FaultCode, o.Description,
                db.Users.Where(u => u.Id == o.AssignedWorkerId).Select(u => u.DisplayName).FirstOrDefault(),
                o.CreatedAtUtc, o.SignedInAtUtc, o.ClosedAtUtc))
            .ToListAsync(cancellationToken);

    /// <summary>故障记录: the faults the elevator's device raised and cleared in the period, the latest first, with the repair order each raised one led to.</summary>
    public async Task<PagedList<ElevatorFaultRecord>> FaultsAsync(int elevatorId, StatisticsPeriod period, Paging paging, CancellationToken cancellationToken)
    {
        var map = await FloorMapAsync(elevatorId, cancellationToken);
        var events = Events(elevatorId, period);
        var total = await events.CountAsync(cancellationToken);
        return new PagedList<ElevatorFaultRecord>(await FaultRows(elevatorId, map, events.Skip(paging.Skip).Take(paging.PageSize), cancellationToken), total, paging);
    }

    public async Task<IReadOnlyList<ElevatorFaultRecord>> AllFaultsAsync(int elevatorId, StatisticsPeriod period, CancellationToken cancellationToken)
    {
        var map = await FloorMapAsync(elevatorId, cancellationToken);
        return await FaultRows(elevatorId, map, Events(elevatorId, period).Take(SpreadsheetLimits.MaxRows), cancellationToken);
    }

    private IQueryable<Devices.Recording.ElevatorEvent> Events(int elevatorId, StatisticsPeriod period)
    {
        var (fromUtc, toUtc) = period.UtcRange(clock);
        return db.ElevatorEvents.AsNoTracking()
            .Where(e => e.ElevatorId == elevatorId && e.ReceivedAtUtc >= fromUtc && e.ReceivedAtUtc < toUtc)
            .OrderByDescending(e => e.ReceivedAtUtc).ThenByDescending(e => e.Id);
    }

    private async Task<IReadOnlyList<ElevatorFaultRecord>> FaultRows(
        int elevatorId, FloorMap map, IQueryable<Devices.Recording.ElevatorEvent> events, CancellationToken cancellationToken)
    {
        var rows = await events.ToListAsync(cancellationToken);
        // The orders the raised faults may have led to: those of the elevator created up to the last fault shown.
        var raised = rows.Where(e => e.Raised).ToList();
        var orders = raised.Count == 0
            ? []
            : await repairs.ListAsync(new RepairOrderQuery
            {
                ElevatorId = elevatorId, FromUtc = raised.Min(e => e.ReceivedAtUtc).AddDays(-30), ToUtc = raised.Max(e => e.ReceivedAtUtc).AddMinutes(1), Take = 1000,
            }, cancellationToken);
        return rows.Select(e => new ElevatorFaultRecord(
                e.Id, e.Code, CoreTexts.Show(faultCodes.NameOf(e.Code), CultureInfo.CurrentUICulture), e.Kind, e.Raised, e.Floor is { } floor ? map.Label(floor) : null,
                new DateTimeOffset(DateTime.SpecifyKind(e.ReceivedAtUtc, DateTimeKind.Utc)),
                e.Raised && FaultRepairLink.OrderFor(e.Code, e.ReceivedAtUtc, orders) is { } order ? new FaultRepairOrder(order.Id, order.Number, order.State) : null))
            .ToList();
    }

    private async Task<FloorMap> FloorMapAsync(int elevatorId, CancellationToken cancellationToken) =>
        new(await db.Elevators.AsNoTracking().Where(e => e.Id == elevatorId).Select(e => e.FloorLabels).SingleOrDefaultAsync(cancellationToken)
            ?? throw NotFound(elevatorId));

    private async Task RequireVisibleAsync(int elevatorId, CancellationToken cancellationToken)
    {
        if (!await db.Elevators.AnyAsync(e => e.Id == elevatorId, cancellationToken))
        {
            throw NotFound(elevatorId);
        }
    }

    private static DomainException NotFound(int id) =>
        new("elevator.not_found", $"电梯 {id} 不存在或无权查看。", DomainErrorKind.NotFound);
}
