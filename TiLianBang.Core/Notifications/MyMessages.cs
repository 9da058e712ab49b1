using Microsoft.EntityFrameworkCore;
using TiLianBang.Core.Accounts;
using TiLianBang.Core.Common;
using TiLianBang.Core.Data;

namespace TiLianBang.Core.Notifications;

/// <summary>我的消息: the acting person's in-app messages (the DbContext's filter keeps them to their own).</summary>
public sealed class MyMessages(TiLianBangDbContext db, CurrentActor actor, TimeProvider clock)
{
    public async Task<IReadOnlyList<Notification>> LatestAsync(int take, CancellationToken cancellationToken) =>
        await Mine().OrderByDescending(n => n.Id).Take(Math.Clamp(take, 1, 200)).ToListAsync(cancellationToken);

    /// <summary>One page of the person's messages, newest first; only the unread ones when asked.</summary>
    public async Task<Page<Notification>> PageAsync(bool unreadOnly, Paging paging, CancellationToken cancellationToken)
    {
        var messages = unreadOnly ? Mine().Where(n => n.ReadAtUtc == null) : Mine();
        var total = await messages.CountAsync(cancellationToken);
        var items = await messages.OrderByDescending(n => n.Id).Skip(paging.Skip).Take(paging.PageSize).ToListAsync(cancellationToken);
        return new Page<Notification>(items, total);
    }

    public Task<int> UnreadCountAsync(CancellationToken cancellationToken) =>
        Mine().CountAsync(n => n.ReadAtUtc == null, cancellationToken);

    /// <summary>Marks one of the person's messages read (again: no change); someone else's is not found.</summary>
    public async Task<Notification> MarkReadAsync(long id, CancellationToken cancellationToken)
    {
        var message = await db.Notifications
            .SingleOrDefaultAsync(n => n.Id == id && n.Channel == NotificationChannel.InApp && n.AccountId == actor.AccountId, cancellationToken)
            ?? throw new DomainException("message.not_found", "消息不存在或无权查看。", DomainErrorKind.NotFound);
        if (message.ReadAtUtc is null)
        {
            message.ReadAtUtc = clock.GetUtcNow().UtcDateTime;
            await db.SaveChangesAsync(cancellationToken);
        }
        return message;
    }

    public async Task MarkAllReadAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await Mine().Where(n => n.ReadAtUtc == null)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAtUtc, now), cancellationToken);
    }

    private IQueryable<Notification> Mine() =>
        db.Notifications.AsNoTracking().Where(n => n.Channel == NotificationChannel.InApp && n.AccountId == actor.AccountId);
}
