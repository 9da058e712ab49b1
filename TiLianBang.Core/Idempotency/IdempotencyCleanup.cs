using Microsoft.EntityFrameworkCore;
using TiLianBang.Core.Data;

namespace TiLianBang.Core.Idempotency;

/// <summary>Forgets keys after a week: the outbox of a phone gives up long before (it resends within minutes).</summary>
public sealed class IdempotencyCleanup(TiLianBangDbContext db, TimeProvider clock)
{
    public static readonly TimeSpan KeptFor = TimeSpan.FromDays(7);

    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var before = clock.GetUtcNow().UtcDateTime - KeptFor;
        var old = await db.IdempotentRequests.Where(r => r.CreatedAtUtc < before).OrderBy(r => r.Id).Take(5000).ToListAsync(cancellationToken);
        db.IdempotentRequests.RemoveRange(old);
        await db.SaveChangesAsync(cancellationToken);
        return old.Count;
    }
}
