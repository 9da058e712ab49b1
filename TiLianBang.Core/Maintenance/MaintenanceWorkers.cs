using Microsoft.EntityFrameworkCore;
using TiLianBang.Core.Accounts;
using TiLianBang.Core.Data;

namespace TiLianBang.Core.Maintenance;

/// <summary>The people of a maintenance company who do maintenance work (保养作业): the one query behind every picker and check.</summary>
internal static class MaintenanceWorkers
{
    public static async Task<IReadOnlyList<WorkerOption>> OfAsync(TiLianBangDbContext db, int? companyId, CancellationToken cancellationToken)
    {
        var rows = await db.WithPermission(companyId, Permissions.MaintenanceWork).AsNoTracking()
            .OrderBy(u => u.DisplayName)
            .Select(u => new { u.Id, u.DisplayName })
            .ToListAsync(cancellationToken);
        return rows.Select(r => new WorkerOption(r.Id, r.DisplayName)).ToList();
    }

    /// <summary>Who a plan's visits go to: its named worker, else its group's leader.</summary>
    public static async Task<int?> PlannedAsync(TiLianBangDbContext db, int? workerId, int? groupId, CancellationToken cancellationToken) =>
        workerId ?? (groupId is { } group
            ? await db.MaintenanceGroups.IgnoreQueryFilters().Where(g => g.Id == group).Select(g => g.LeaderId).SingleOrDefaultAsync(cancellationToken)
            : null);
}
