using Microsoft.EntityFrameworkCore;
using TiLianBang.Core.Accounts;
using TiLianBang.Core.Common;
using TiLianBang.Core.Data;

namespace TiLianBang.Core.Notifications;

/// <summary>For administrators: messages the outbox gave up on, and sending one again.</summary>
public sealed class OutboxAdministration(TiLianBangDbContext db, CurrentActor actor, TimeProvider clock)
{
    public async Task<IReadOnlyList<Notification>> FailedAsync(CancellationToken cancellationToken)
    {
        EnsureAdministrator();
        return await db.Notifications.AsNoTracking()
            .Where(n => n.Status == NotificationStatus.Failed)
            .OrderByDescending(n => n.Id)
            .Take(200)
            .ToListAsync(cancellationToken);
    }

    public async Task RetryAsync(long id, CancellationToken cancellationToken)
    {
        EnsureAdministrator();
        var notification = await db.Notifications.SingleOrDefaultAsync(n => n.Id == id && n.Status == NotificationStatus.Failed, cancellationToken)
            ?? throw new DomainException("notification.not_found", $"消息 {id} 不存在或不是失败状态。", DomainErrorKind.NotFound);
        notification.Status = NotificationStatus.Pending;
        notification.Attempts = 0;
        notification.NextAttemptAtUtc = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
    }

    private void EnsureAdministrator()
    {
        if (!actor.Scope.SeesAll || !actor.HasPermission(Permissions.SystemConfiguration))
        {
            throw new DomainException("notification.not_allowed", "只有平台管理员可以查看发送失败的消息。", DomainErrorKind.Forbidden);
        }
    }
}
