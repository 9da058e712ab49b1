using Microsoft.EntityFrameworkCore;
using TiLianBang.Core.Accounts;
using TiLianBang.Core.Data;

namespace TiLianBang.Core.Maintenance;

/// <summary>The people of a maintenance company who do maintenance work (保养作业): the one query behind every picker and check.</summary>
internal static class MaintenanceWorkers
{
    /// <param name="today">The platform's local date, against which certificates count as expired.</param>
    public static async Task<IReadOnlyList<WorkerOption>> OfAsync(TiLianBangDbContext db, int? companyId, DateOnly today, CancellationToken cancellationToken)
    {
        var rows = await db.WithPermission(companyId, Permissions.MaintenanceWork).AsNoTracking()
            .OrderBy(u => u.DisplayName)
            .Select(u => new { u.Id, u.DisplayName, u.Certificate.ExpiresOn })
            .ToListAsync(cancellationToken);
        return rows.Select(r => new WorkerOption(r.Id, r.DisplayName, CertificateExpired(r.ExpiresOn, today))).ToList();
    }

    /// <summary>
    /// Named people (a group's members) as picker options. A picker shows an expired certificate next to the name
    /// rather than hiding the person: the dispatcher decides, but sees it.
    /// </summary>
    public static async Task<IReadOnlyDictionary<int, WorkerOption>> ByIdAsync(TiLianBangDbContext db, IReadOnlyCollection<int> ids, DateOnly today, CancellationToken cancellationToken)
    {
        var rows = await db.Users.AsNoTracking()
            .Where(u => ids.Contains(u.Id))
            .Select(u => new { u.Id, u.DisplayName, u.Certificate.ExpiresOn })
            .ToListAsync(cancellationToken);
        return rows.ToDictionary(r => r.Id, r => new WorkerOption(r.Id, r.DisplayName, CertificateExpired(r.ExpiresOn, today)));
    }

    private static bool CertificateExpired(DateOnly? expiresOn, DateOnly today) => new OperatorCertificate { ExpiresOn = expiresOn }.IsExpiredOn(today);

    /// <summary>Who a plan's visits go to: its named worker, else its group's leader.</summary>
    public static async Task<int?> PlannedAsync(TiLianBangDbContext db, int? workerId, int? groupId, CancellationToken cancellationToken) =>
        workerId ?? (groupId is { } group
            ? await db.MaintenanceGroups.IgnoreQueryFilters().Where(g => g.Id == group).Select(g => g.LeaderId).SingleOrDefaultAsync(cancellationToken)
            : null);
}
