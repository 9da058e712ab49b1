using TiLianBang.Core.Data;

namespace TiLianBang.Core.Notifications;

/// <summary>Puts notifications in the outbox; they are saved with the caller's next SaveChanges (same transaction).</summary>
public sealed class NotificationOutbox(TiLianBangDbContext db, TimeProvider clock)
{
    public void Add(NotificationChannel channel, int? accountId, string? address, string title, string body, string? link = null)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        db.Notifications.Add(new Notification
        {
            Channel = channel,
            AccountId = accountId,
            Address = address,
            Title = title.Length <= 100 ? title : title[..100],
            Body = body.Length <= 1000 ? body : body[..1000],
            Link = link,
            Status = NotificationStatus.Pending,
            CreatedAtUtc = now,
            NextAttemptAtUtc = now,
        });
    }
}
