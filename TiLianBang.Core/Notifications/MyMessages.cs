using Microsoft.EntityFrameworkCore;
using TiLianBang.Core.Accounts;
using TiLianBang.Core.Data;

namespace TiLianBang.Core.Notifications;

/// <summary>我的消息: the acting person's in-app messages (the DbContext's filter keeps them to their own).</summary>
public sealed class MyMessages(TiLianBangDbContext db, CurrentActor actor, TimeProvider clock)
{
    public async Task<IReadOnlyList<Notification>> LatestAsync(int take, CancellationToken cancellationToken) =>
        await Mine().OrderByDescending(n => n.Id).Take(Math.Clamp(take, 1, 200)).ToListAsync(cancellationToken);

    public Task<int> UnreadCountAsync(CancellationToken cancellationToken) =>
        Mine().CountAsync(n => n.ReadAtUtc == null, cancellationToken);

    public async Task MarkAllReadAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await Mine().Where(n => n.ReadAtUtc == null)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAtUtc, now), cancellationToken);
    }

    private IQueryable<Notification> Mine() =>
        db.Notifications.AsNoTracking().Where(n => n.Channel == NotificationChannel.InApp && n.AccountId == actor.AccountId);
}
