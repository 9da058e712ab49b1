using Microsoft.EntityFrameworkCore;
using TiLianBang.Core.Accounts;
using TiLianBang.Core.Common;
using TiLianBang.Core.Data;
using TiLianBang.Core.Maintenance;
using TiLianBang.Core.Notifications;
using TiLianBang.Core.Repairs;

namespace TiLianBang.Core.Home;

/// <summary>
/// Counts what waits for the acting person. Repairs follow 急修任务's rule for who acts next: an order in work
/// (待接警 … 处理中) assigned to the person, and, for one who may accept (急修处理 in the elevator's maintenance
/// company, <see cref="RepairService"/>'s rule), orders still waiting to be accepted that nobody else holds.
/// The DbContext's company scope applies on top.
/// </summary>
public sealed class HomeToDo(TiLianBangDbContext db, CurrentActor actor, MyMessages messages, TimeProvider clock)
{
    public async Task<HomeToDoCounts> CountAsync(CancellationToken cancellationToken)
    {
        if (actor.AccountId is not { } me)
        {
            return new HomeToDoCounts(0, 0, 0, 0);
        }
        var mayAccept = actor.HasPermission(Permissions.RepairHandle) && actor.CompanyId is not null;
        var company = actor.CompanyId ?? 0;
        var repairs = await db.RepairOrders.AsNoTracking()
            .Where(o => o.State == RepairOrderState.Created || o.State == RepairOrderState.Accepted
                || o.State == RepairOrderState.SignedIn || o.State == RepairOrderState.Processing)
            .CountAsync(o => o.AssignedWorkerId == me
                || (mayAccept && o.State == RepairOrderState.Created && o.AssignedWorkerId == null && o.Elevator!.MaintenanceCompanyId == company),
                cancellationToken);
        var today = clock.Today();
        var mine = db.MaintenanceOrders.AsNoTracking()
            .Where(o => o.WorkerId == me && (o.State == MaintenanceOrderState.Assigned || o.State == MaintenanceOrderState.SignedIn));
        var dueToday = await mine.CountAsync(o => o.DueOn == today, cancellationToken);
        var overdue = await mine.CountAsync(o => o.DueOn < today, cancellationToken);
        var unread = await messages.UnreadCountAsync(cancellationToken);
        return new HomeToDoCounts(repairs, dueToday, overdue, unread);
    }
}
