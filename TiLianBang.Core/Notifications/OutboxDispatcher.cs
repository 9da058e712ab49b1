using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TiLianBang.Core.Accounts;
using TiLianBang.Core.Cluster;
using TiLianBang.Core.Common;
using TiLianBang.Core.Data;

namespace TiLianBang.Core.Notifications;

/// <summary>
/// Sends what is due in the outbox through each channel's sender. A failure is retried with exponential back-off
/// (15 s, 30 s, 1 min … up to 30 min) until <see cref="MaxAttempts"/>; a permanent refusal or the last failed
/// attempt marks the message Failed for administrators to see. The outbox is a table, so a restart loses nothing.
/// Each pass first claims its batch with one conditional update, so passes of several nodes (or overlapping passes of
/// one) never send the same message; a claim of a node that died frees itself after <see cref="ClaimTime"/>.
/// </summary>
public sealed partial class OutboxDispatcher(
    IServiceScopeFactory scopes,
    IEnumerable<INotificationSender> senders,
    ClusterLease lease,
    TimeProvider clock,
    ILogger<OutboxDispatcher> logger) : ResilientBackgroundService(clock, logger)
{
    public static readonly TimeSpan CheckInterval = TimeSpan.FromSeconds(5);
    public const int MaxAttempts = 8;
    public static readonly TimeSpan SendTimeout = TimeSpan.FromSeconds(30);
    private const int BatchSize = 100;
    /// <summary>How long a pass's claim on its batch lasts; the pass stops sending while a send could still outlast it.</summary>
    public static readonly TimeSpan ClaimTime = TimeSpan.FromMinutes(5);

    private readonly Dictionary<NotificationChannel, INotificationSender> _senders = senders.ToDictionary(s => s.Channel);
    // In this process passes take turns, so a caller (the timer, a test, an administrator's "send now") waits for the
    // running pass and then sees its outcome; the claims keep passes of other nodes apart.
    private readonly SemaphoreSlim _pass = new(1, 1);

    public static TimeSpan Backoff(int attempts) =>
        TimeSpan.FromSeconds(Math.Min(15 * Math.Pow(2, Math.Max(0, attempts - 1)), TimeSpan.FromMinutes(30).TotalSeconds));

    protected override async Task RunAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(CheckInterval, Clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            await DispatchDueAsync(stoppingToken);
        }
    }

    /// <summary>Sends every message due now; returns how many were sent.</summary>
    public async Task<int> DispatchDueAsync(CancellationToken cancellationToken)
    {
        await _pass.WaitAsync(cancellationToken);
        try
        {
            return await ClaimAndSendAsync(cancellationToken);
        }
        finally
        {
            _pass.Release();
        }
    }

    public override void Dispose()
    {
        _pass.Dispose();
        base.Dispose();
    }

    private async Task<int> ClaimAndSendAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentActor>().SetSystem("system:outbox");
        var db = scope.ServiceProvider.GetRequiredService<TiLianBangDbContext>();
        var now = Clock.GetUtcNow().UtcDateTime;
        var claim = $"{lease.Holder}/{Guid.NewGuid().ToString("N")[..8]}";
        var claimedUntil = now + ClaimTime;
        // One statement: rows another pass claimed (and whose claim still runs) are left out, atomically.
        var claimed = await db.Notifications
            .Where(n => n.Status == NotificationStatus.Pending && n.NextAttemptAtUtc <= now
                && (n.ClaimedUntilUtc == null || n.ClaimedUntilUtc <= now))
            .OrderBy(n => n.Id)
            .Take(BatchSize)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.ClaimedBy, claim).SetProperty(n => n.ClaimedUntilUtc, claimedUntil), cancellationToken);
        if (claimed == 0)
        {
            return 0;
        }
        var due = await db.Notifications.Where(n => n.ClaimedBy == claim).OrderBy(n => n.Id).ToListAsync(cancellationToken);
        try
        {
            return await SendClaimedAsync(db, due, now, claimedUntil, cancellationToken);
        }
        finally
        {
            // What this pass did not get to is free for the next pass at once (not only when the claim runs out).
            await db.Notifications.Where(n => n.ClaimedBy == claim)
                .ExecuteUpdateAsync(s => s.SetProperty(n => n.ClaimedBy, (string?)null).SetProperty(n => n.ClaimedUntilUtc, (DateTime?)null), CancellationToken.None);
        }
    }

    private async Task<int> SendClaimedAsync(TiLianBangDbContext db, List<Notification> due, DateTime now, DateTime claimedUntil, CancellationToken cancellationToken)
    {
        var sent = 0;
        foreach (var notification in due)
        {
            if (Clock.GetUtcNow().UtcDateTime + SendTimeout >= claimedUntil)
            {
                // Another node may take the rest once the claim runs out; sending on would risk a second message.
                break;
            }
            notification.Attempts++;
            notification.ClaimedBy = null;
            notification.ClaimedUntilUtc = null;
            try
            {
                if (!_senders.TryGetValue(notification.Channel, out var sender))
                {
                    throw new NotificationFailedException($"No sender for {notification.Channel}.", permanent: true);
                }
                // One unresponsive gateway must not hold up the messages behind it.
                using var timeout = new CancellationTokenSource(SendTimeout, Clock);
                using var sending = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
                try
                {
                    await sender.SendAsync(notification, sending.Token);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    throw new NotificationFailedException($"No answer within {SendTimeout.TotalSeconds:0} s.", permanent: false);
                }
                catch (Exception e) when (e is not (OperationCanceledException or NotificationFailedException))
                {
                    // A sender's defect or an unexpected answer fails this message, not the whole pass.
                    throw new NotificationFailedException($"{e.GetType().Name}: {e.Message}", permanent: false);
                }
                notification.Status = NotificationStatus.Sent;
                notification.SentAtUtc = Clock.GetUtcNow().UtcDateTime;
                notification.LastError = null;
                sent++;
            }
            catch (NotificationFailedException e)
            {
                notification.LastError = e.Message.Length <= 500 ? e.Message : e.Message[..500];
                if (e.Permanent || notification.Attempts >= MaxAttempts)
                {
                    notification.Status = NotificationStatus.Failed;
                    LogGaveUp(Logger, notification.Id, notification.Channel, notification.Attempts, e.Message);
                }
                else
                {
                    notification.NextAttemptAtUtc = now + Backoff(notification.Attempts);
                }
            }
            // Each outcome is kept as it happens: a crash later in the pass must not send this one again.
            await db.SaveChangesAsync(cancellationToken);
        }
        return sent;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Notification {Id} ({Channel}) failed for good after {Attempts} attempt(s): {Error}")]
    private static partial void LogGaveUp(ILogger logger, long id, NotificationChannel channel, int attempts, string error);
}
