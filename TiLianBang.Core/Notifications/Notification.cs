using TiLianBang.Core.Auditing;

namespace TiLianBang.Core.Notifications;

/// <summary>
/// One message in the outbox (REP-5). Written in the same transaction as what caused it, sent by the dispatcher,
/// retried with back-off until sent or given up — never lost.
/// </summary>
public class Notification : INotAudited
{
    public long Id { get; set; }
    public NotificationChannel Channel { get; set; }
    public int? AccountId { get; set; }
    /// <summary>WeChat openid or phone number, for the remote channels.</summary>
    public string? Address { get; set; }
    public required string Title { get; set; }
    public required string Body { get; set; }
    /// <summary>Where the message leads, e.g. /repairs/orders/12.</summary>
    public string? Link { get; set; }
    public NotificationStatus Status { get; set; }
    public int Attempts { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public DateTime NextAttemptAtUtc { get; set; }
    public DateTime? SentAtUtc { get; set; }
    public DateTime? ReadAtUtc { get; set; }
    public string? LastError { get; set; }
    /// <summary>The dispatcher pass that is sending it now (several nodes share the outbox); free again after <see cref="ClaimedUntilUtc"/>.</summary>
    public string? ClaimedBy { get; set; }
    public DateTime? ClaimedUntilUtc { get; set; }
}
