using Microsoft.EntityFrameworkCore;
using TiLianBang.Core.Cluster;
using TiLianBang.Core.Data;

namespace TiLianBang.Core.Idempotency;

/// <summary>Forgets keys after a week: the outbox of a phone gives up long before (it resends within minutes).</summary>
public sealed class IdempotencyCleanup(TiLianBangDbContext db, TimeProvider clock, ClusterLease lease)
{
    public static readonly TimeSpan KeptFor = TimeSpan.FromDays(7);
    public const string LeaseName = "idempotency-cleanup";

    /// <summary>Deletes a batch of old keys on one node at a time; returns how many (0 when another node is at it).</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var removed = 0;
        await lease.RunExclusiveAsync(LeaseName, TimeSpan.FromMinutes(3), async ct => removed = await RemoveOldAsync(ct), cancellationToken);
        return removed;
    }

    private async Task<int> RemoveOldAsync(CancellationToken cancellationToken)
    {
        var before = clock.GetUtcNow().UtcDateTime - KeptFor;
        var old = await db.IdempotentRequests.Where(r => r.CreatedAtUtc < before).OrderBy(r => r.Id).Take(5000).ToListAsync(cancellationToken);
        db.IdempotentRequests.RemoveRange(old);
        await db.SaveChangesAsync(cancellationToken);
        return old.Count;
    }
}
