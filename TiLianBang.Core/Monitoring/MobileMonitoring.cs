using System.Globalization;
using Microsoft.EntityFrameworkCore;
using TiLianBang.Core.Common;
using TiLianBang.Core.Data;
using TiLianBang.Core.Devices.LiveState;
using TiLianBang.Core.Devices.Recording;
using TiLianBang.Core.Elevators;
using TiLianBang.Core.FaultCodes;
using TiLianBang.Core.IoPoints;
using TiLianBang.Core.Localization;
using TiLianBang.Core.Maintenance;
using TiLianBang.Core.Organizations;
using TiLianBang.Core.Repairs;

namespace TiLianBang.Core.Monitoring;

/// <summary>
/// The mini-program's monitoring (§6.2.4) and map (§6.2.5): archive rows from the database (scoped by its query
/// filters, so another company's elevator does not exist here), live state from the hub, joined in memory.
/// </summary>
public sealed class MobileMonitoring(
    TiLianBangDbContext db,
    IElevatorStateHub hub,
    FaultCodeCatalog faultCodes,
    IoPointNames ioNames,
    MaintenanceOrders maintenance,
    RepairService repairs,
    RunningStatistics statistics)
{
    public const int MaxStatisticsPeriods = 366;

    public async Task<StatusCounts> StatusCountsAsync(int? communityId, CancellationToken cancellationToken)
    {
        var elevators = db.Elevators.AsNoTracking();
        if (communityId is { } id)
        {
            elevators = elevators.Where(e => e.CommunityId == id);
        }
        var ids = await elevators.Select(e => e.Id).ToListAsync(cancellationToken);
        return StatusCounts.Count(ids.Select(hub.Find));
    }

    public async Task<PagedList<MonitoredElevator>> ElevatorsAsync(MonitoredElevatorQuery query, Paging paging, CancellationToken cancellationToken)
    {
        var elevators = db.Elevators.AsNoTracking();
        if (query.CommunityId is { } communityId)
        {
            elevators = elevators.Where(e => e.CommunityId == communityId);
        }
        if (SearchTerm.From(query.Search) is { } term)
        {
            elevators = elevators.Where(e => e.Number.Contains(term) || e.Name.Contains(term));
        }
        if (query.Near is { } near)
        {
            elevators = elevators.Where(e => e.Community!.Latitude >= near.MinLatitude && e.Community.Latitude <= near.MaxLatitude
                && e.Community.Longitude >= near.MinLongitude && e.Community.Longitude <= near.MaxLongitude);
        }
        var rows = await elevators
            .Select(e => new { e.Id, e.Number, e.Name, e.CommunityId, Community = e.Community!.Name, e.Community.Latitude, e.Community.Longitude, e.FloorLabels })
            .ToListAsync(cancellationToken);
        var matching = rows
            .Select(e => (Row: e, State: hub.Find(e.Id), Distance: query.Near?.DistanceTo(new GeoPoint(e.Latitude, e.Longitude))))
            .Where(e => (query.Near is null || e.Distance is not null) && (query.StatusFilter is not { } passes || passes(e.State)))
            .OrderBy(e => e.Distance ?? 0)
            .ThenBy(e => e.Row.Number, StringComparer.Ordinal)
            .ToList();
        var page = matching.Skip(paging.Skip).Take(paging.PageSize)
            .Select(e => new MonitoredElevator(
                e.Row.Id, e.Row.Number, e.Row.Name, e.Row.CommunityId, e.Row.Community, ElevatorStatusRule.Of(e.State), e.State is { Online: true },
                e.State is { HasState: true } s ? new FloorMap(e.Row.FloorLabels).Label(s.Floor) : null,
                MapPosition.From(new GeoPoint(e.Row.Latitude, e.Row.Longitude)), e.Distance is { } d ? Math.Round(d, 1) : null))
            .ToList();
        return new PagedList<MonitoredElevator>(page, matching.Count, paging);
    }

    public async Task<ElevatorMonitorDetail> DetailAsync(int elevatorId, CancellationToken cancellationToken)
    {
        var e = await db.Elevators.AsNoTracking()
            .Include(x => x.Community)
            .Include(x => x.UserUnit)
            .Include(x => x.MaintenanceCompany)
            .SingleOrDefaultAsync(x => x.Id == elevatorId, cancellationToken)
            ?? throw NotFound(elevatorId);
        // The next visit still to be done: anything not yet submitted, overdue ones included.
        var nextMaintenance = await db.MaintenanceOrders.AsNoTracking()
            .Where(o => o.ElevatorId == elevatorId && o.State < MaintenanceOrderState.Submitted)
            .OrderBy(o => o.DueOn)
            .Select(o => (DateOnly?)o.DueOn)
            .FirstOrDefaultAsync(cancellationToken);
        var state = hub.Find(elevatorId);
        var map = e.FloorMap;
        var community = e.Community!;
        return new ElevatorMonitorDetail(
            e.Id, e.Number, e.Name, e.RegisterCode, e.Variety, e.Type, e.Brand, e.Model, e.Floors, e.RatedSpeed, e.RatedLoad,
            new MonitoredCommunity(community.Id, community.Name, community.Address, MapPosition.From(community.Location)),
            e.MaintenanceCompany?.Name, e.UserUnit?.Name, nextMaintenance, e.NextInspectionDate,
            Enumerable.Range(1, Math.Max(0, e.Floors)).Select(map.Label).ToList(),
            ElevatorStatusRule.Of(state), Live(state, map));
    }

    private LiveStateView Live(ElevatorLiveState? state, FloorMap map) =>
        LiveStateView.Of(state, map, code => CoreTexts.Show(faultCodes.NameOf(code), CultureInfo.CurrentUICulture));

    public async Task<ElevatorIo> IoAsync(int elevatorId, CancellationToken cancellationToken)
    {
        await RequireVisibleAsync(elevatorId, cancellationToken);
        var names = await ioNames.LookupAsync(cancellationToken);
        var state = hub.Find(elevatorId);
        IReadOnlyList<IoPointState> Points(IoPointKind kind, IReadOnlyList<bool>? values, string prefix) =>
            (values ?? []).Select((on, i) => new IoPointState(prefix + i.ToString(CultureInfo.InvariantCulture), i,
                names.TryGetValue((kind, i), out var name) ? CoreTexts.Show(name, CultureInfo.CurrentUICulture) : null, on)).ToList();
        return new ElevatorIo(state?.IoAt, Points(IoPointKind.Input, state?.Inputs, "X"), Points(IoPointKind.Output, state?.Outputs, "Y"));
    }

    public async Task<IReadOnlyList<RunningPeriod>> StatisticsAsync(int elevatorId, StatisticsGrouping grouping, int? periods, CancellationToken cancellationToken)
    {
        if (periods is < 1 or > MaxStatisticsPeriods)
        {
            throw new ValidationException(new Dictionary<string, string> { ["periods"] = $"期数须为 1–{MaxStatisticsPeriods}。" });
        }
        await RequireVisibleAsync(elevatorId, cancellationToken);
        return await statistics.ForElevatorAsync(elevatorId, grouping, periods ?? DefaultPeriods(grouping), cancellationToken);
    }

    private static int DefaultPeriods(StatisticsGrouping grouping) => grouping switch
    {
        StatisticsGrouping.Week => 12,
        StatisticsGrouping.Month => 12,
        _ => 30,
    };

    public async Task<PagedList<ElevatorMaintenanceRecord>> MaintenanceAsync(int elevatorId, Paging paging, CancellationToken cancellationToken)
    {
        await RequireVisibleAsync(elevatorId, cancellationToken);
        var query = new MaintenanceOrderQuery { ElevatorId = elevatorId, NewestFirst = true, Skip = paging.Skip, Take = paging.PageSize };
        var rows = await maintenance.ListAsync(query, cancellationToken);
        var total = await maintenance.CountAsync(query, cancellationToken);
        return new PagedList<ElevatorMaintenanceRecord>(rows.Select(o => new ElevatorMaintenanceRecord(
            o.Id, o.Number, o.Mode, o.Period, o.DueOn, o.State, o.WorkerName, o.Overdue,
            Utc(o.SignedInAtUtc), Utc(o.SubmittedAtUtc), Utc(o.ConfirmedAtUtc))).ToList(), total, paging);
    }

    public async Task<PagedList<ElevatorFaultRecord>> FaultsAsync(int elevatorId, Paging paging, CancellationToken cancellationToken)
    {
        var map = new FloorMap(await db.Elevators.AsNoTracking().Where(e => e.Id == elevatorId).Select(e => e.FloorLabels).SingleOrDefaultAsync(cancellationToken)
            ?? throw NotFound(elevatorId));
        var events = db.ElevatorEvents.AsNoTracking().Where(e => e.ElevatorId == elevatorId);
        var total = await events.CountAsync(cancellationToken);
        var page = await events.OrderByDescending(e => e.Id).Skip(paging.Skip).Take(paging.PageSize).ToListAsync(cancellationToken);
        var orders = page.Any(e => e.Raised)
            ? await repairs.ListAsync(new RepairOrderQuery { ElevatorId = elevatorId, Take = 1000 }, cancellationToken)
            : [];
        return new PagedList<ElevatorFaultRecord>(page.Select(e => new ElevatorFaultRecord(
            e.Id, e.Code, CoreTexts.Show(faultCodes.NameOf(e.Code), CultureInfo.CurrentUICulture), e.Kind, e.Raised, e.Floor is { } floor ? map.Label(floor) : null,
            Utc(e.ReceivedAtUtc),
            e.Raised && FaultRepairLink.OrderFor(e.Code, e.ReceivedAtUtc, orders) is { } order ? new FaultRepairOrder(order.Id, order.Number, order.State) : null))
            .ToList(), total, paging);
    }

    /// <summary>地图监控: the communities of the caller's elevators, near a point (nearest first) or by name.</summary>
    public async Task<PagedList<GisCommunity>> CommunitiesAsync(NearPoint? near, string? name, Paging paging, CancellationToken cancellationToken)
    {
        var elevators = db.Elevators.AsNoTracking();
        if (SearchTerm.From(name, "name") is { } term)
        {
            elevators = elevators.Where(e => e.Community!.Name.Contains(term));
        }
        if (near is not null)
        {
            elevators = elevators.Where(e => e.Community!.Latitude >= near.MinLatitude && e.Community.Latitude <= near.MaxLatitude
                && e.Community.Longitude >= near.MinLongitude && e.Community.Longitude <= near.MaxLongitude);
        }
        var rows = await elevators
            .Select(e => new { e.Id, e.CommunityId, e.Community!.Name, e.Community.Address, e.Community.Region.District, e.Community.Latitude, e.Community.Longitude })
            .ToListAsync(cancellationToken);
        var communities = rows
            .GroupBy(r => r.CommunityId)
            .Select(g => (First: g.First(), Ids: g.Select(r => r.Id).ToList(), Distance: near?.DistanceTo(new GeoPoint(g.First().Latitude, g.First().Longitude))))
            .Where(c => near is null || c.Distance is not null)
            .OrderBy(c => c.Distance ?? 0)
            .ThenBy(c => c.First.Name, StringComparer.Ordinal)
            .ToList();
        var page = communities.Skip(paging.Skip).Take(paging.PageSize)
            .Select(c => new GisCommunity(c.First.CommunityId, c.First.Name, c.First.Address, c.First.District,
                MapPosition.From(new GeoPoint(c.First.Latitude, c.First.Longitude)), c.Ids.Count,
                ElevatorStatusRule.Worst(c.Ids.Select(id => ElevatorStatusRule.Of(hub.Find(id)))),
                c.Distance is { } d ? Math.Round(d, 1) : null))
            .ToList();
        return new PagedList<GisCommunity>(page, communities.Count, paging);
    }

    private async Task RequireVisibleAsync(int elevatorId, CancellationToken cancellationToken)
    {
        if (!await db.Elevators.AnyAsync(e => e.Id == elevatorId, cancellationToken))
        {
            throw NotFound(elevatorId);
        }
    }

    private static DateTimeOffset? Utc(DateTime? utc) => utc is { } at ? Utc(at) : null;

    private static DateTimeOffset Utc(DateTime utc) => new(DateTime.SpecifyKind(utc, DateTimeKind.Utc));

    private static DomainException NotFound(int id) =>
        new("elevator.not_found", $"电梯 {id} 不存在或无权查看。", DomainErrorKind.NotFound);
}
