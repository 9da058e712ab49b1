using Microsoft.EntityFrameworkCore;
using TiLianBang.Core.Accounts;
using TiLianBang.Core.Common;
using TiLianBang.Core.Data;
using TiLianBang.Core.Elevators;
using TiLianBang.Core.Maintenance;
using TiLianBang.Core.Repairs;

namespace TiLianBang.Core.Statistics;

/// <summary>
/// 后台主页: the counts a person needs first, each the count of a list it links to. Company scoping (the DbContext's
/// query filters) narrows everything to the person's elevators, a supervisor's to their region; a maintenance worker
/// (who does the work but does not plan it) sees only the orders assigned to them.
/// </summary>
public sealed class Dashboard(TiLianBangDbContext db, CurrentActor actor, TimeProvider clock)
{
    /// <summary>The lead time of the expiry figures: the expiry job's first warning (MNT-7) and 人员管理's flag.</summary>
    public const int WarningDays = ElevatorArchiveFilter.WarningDays;

    /// <summary>Days back the 本周超期 figure looks: a visit overdue for longer is a planning problem, not this week's.</summary>
    public const int OverdueWindowDays = 7;

    /// <summary>A worker: does maintenance work but neither plans it nor takes alarms, so their own orders are their work.</summary>
    public bool MineOnly => actor.HasPermission(Permissions.MaintenanceWork)
        && !actor.HasPermission(Permissions.MaintenancePlanReview) && !actor.HasPermission(Permissions.RepairAlarm);

    public async Task<DashboardFigures> FiguresAsync(CancellationToken cancellationToken)
    {
        var repairs = actor.HasPermission(Permissions.RepairTasks) ? await RepairStatesAsync(cancellationToken) : null;
        var maintenance = actor.HasPermission(Permissions.MaintenanceQuery) ? await MaintenanceDueAsync(cancellationToken) : null;
        var archive = actor.HasPermission(Permissions.ArchiveElevatorsView) ? await ArchiveExpiryAsync(cancellationToken) : null;
        var certificates = actor.HasPermission(Permissions.SystemAccounts) ? await CertificatesAsync(cancellationToken) : null;
        return new DashboardFigures(repairs, maintenance, archive, certificates, MineOnly);
    }

    public async Task<RepairStateCounts> RepairStatesAsync(CancellationToken cancellationToken)
    {
        var orders = db.RepairOrders.AsNoTracking().Where(o => o.State != RepairOrderState.Closed && o.State != RepairOrderState.Cancelled);
        if (MineOnly)
        {
            var me = actor.AccountId ?? -1;
            orders = orders.Where(o => o.AssignedWorkerId == me);
        }
        var counts = await orders.GroupBy(o => o.State).Select(g => new { State = g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        int Of(RepairOrderState state) => counts.Where(c => c.State == state).Sum(c => c.Count);
        return new RepairStateCounts(Of(RepairOrderState.Created), Of(RepairOrderState.Accepted), Of(RepairOrderState.SignedIn),
            Of(RepairOrderState.Processing), Of(RepairOrderState.Submitted), Of(RepairOrderState.Approved));
    }

    public async Task<MaintenanceDueCounts> MaintenanceDueAsync(CancellationToken cancellationToken)
    {
        var today = clock.Today();
        var weekFrom = today.AddDays(-OverdueWindowDays);
        var orders = db.MaintenanceOrders.AsNoTracking();
        if (MineOnly)
        {
            var me = actor.AccountId ?? -1;
            orders = orders.Where(o => o.WorkerId == me);
        }
        var dueToday = await orders.CountAsync(o => o.DueOn == today, cancellationToken);
        // The same rule as 保养查询's 只看超期 and the expiry job (MaintenanceOrder.OverdueOn), limited to the week.
        var overdue = await orders.Where(MaintenanceOrder.OverdueOn(today)).CountAsync(o => o.DueOn >= weekFrom, cancellationToken);
        return new MaintenanceDueCounts(dueToday, overdue, today, weekFrom);
    }

    public async Task<ArchiveExpiryCounts> ArchiveExpiryAsync(CancellationToken cancellationToken)
    {
        var horizon = clock.Today().AddDays(WarningDays);
        var inspections = await Expiring(ArchiveExpiry.Inspection, horizon).CountAsync(cancellationToken);
        var contracts = await Expiring(ArchiveExpiry.Contract, horizon).CountAsync(cancellationToken);
        return new ArchiveExpiryCounts(inspections, contracts, WarningDays);
    }

    // The same rule as 电梯档案管理's expiry filter that the figures link to, so the list shows what was counted.
    private IQueryable<Elevator> Expiring(ArchiveExpiry what, DateOnly horizon) =>
        ElevatorArchiveFilter.DueBy(db.Elevators.AsNoTracking(), what, horizon);

    public async Task<CertificateExpiryCounts> CertificatesAsync(CancellationToken cancellationToken)
    {
        var today = clock.Today();
        var horizon = today.AddDays(WarningDays);
        // People are not under the elevator query filters: 人员管理 shows one's own company, the platform everyone.
        var people = db.Users.AsNoTracking()
            .Where(a => actor.Scope.SeesAll || a.CompanyId == actor.CompanyId)
            .Where(a => a.Certificate.ExpiresOn != null && a.Certificate.ExpiresOn <= horizon);
        var expired = await people.CountAsync(a => a.Certificate.ExpiresOn < today, cancellationToken);
        var expiring = await people.CountAsync(a => a.Certificate.ExpiresOn >= today, cancellationToken);
        return new CertificateExpiryCounts(expired, expiring, WarningDays);
    }
}
