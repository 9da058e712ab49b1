using Microsoft.EntityFrameworkCore;
using TiLianBang.Core.Data;

namespace TiLianBang.Core.Auditing;

/// <summary>
/// Turns the actors and targets of operation logs and order timelines into names people know: the person's
/// name for an account, the job's name for the system, 工单 JX… for "RepairOrder#1". One page of rows costs
/// one query for the accounts and one per kind of target, however many rows there are.
/// </summary>
public sealed class AuditNames(TiLianBangDbContext db)
{
    public async Task<AuditNameBook> ResolveAsync(IEnumerable<(int? AccountId, string? UserName)> actors, IEnumerable<string?> targets, CancellationToken cancellationToken)
    {
        var actorList = actors.ToList();
        var ids = actorList.Select(a => a.AccountId).OfType<int>().Distinct().ToList();
        // Rows written without an account id (older rows, steps of jobs) still name a person by user name.
        var userNames = actorList.Where(a => a.AccountId is null && a.UserName is not null && !SystemActors.IsSystem(a.UserName))
            .Select(a => a.UserName!).Distinct().ToList();
        var accounts = ids.Count == 0 && userNames.Count == 0
            ? []
            : await db.Users.AsNoTracking()
                .Where(u => ids.Contains(u.Id) || userNames.Contains(u.UserName!))
                .Select(u => new { u.Id, u.DisplayName, u.UserName })
                .ToListAsync(cancellationToken);
        var byId = accounts.ToDictionary(a => a.Id, a => (a.DisplayName, a.UserName));
        var byName = accounts.Where(a => a.UserName is not null).ToDictionary(a => a.UserName!, a => a.Id, StringComparer.Ordinal);
        var subjects = await AuditSubjects.NameAsync(db, targets, cancellationToken);
        return new AuditNameBook(byId, byName, subjects);
    }

    public Task<AuditNameBook> ResolveAsync(IReadOnlyCollection<OperationLog> logs, CancellationToken cancellationToken) =>
        ResolveAsync(logs.Select(l => (l.AccountId, l.UserName)), logs.Select(l => l.Target), cancellationToken);
}
