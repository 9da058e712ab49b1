using System.Globalization;
using Microsoft.EntityFrameworkCore;
using TiLianBang.Core.Accounts;
using TiLianBang.Core.Common;
using TiLianBang.Core.Data;
using TiLianBang.Core.Notifications;

namespace TiLianBang.Core.Maintenance;

/// <summary>
/// 到期预警 (MNT-7) for workers' 特种设备作业人员证: 30 and 7 days before the expiry date and once it has passed, to
/// the worker and to their company's reviewers (who plan and assign the work), through the notification outbox.
/// Each warning goes out once per certificate date and threshold (<see cref="CertificateWarning"/>); a renewed
/// certificate has a new date and is warned about again.
/// </summary>
public sealed class CertificateExpiryWarnings(TiLianBangDbContext db, TimeProvider clock, NotificationOutbox outbox)
{
    /// <summary>Days before expiry; 0 stands for "expired".</summary>
    public static readonly IReadOnlyList<int> Thresholds = [30, 7];

    public const string WorkerLink = "/account/profile";

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var today = clock.Today();
        var horizon = today.AddDays(Thresholds.Max());
        // Disabled accounts (LockoutEnd set by an administrator) no longer work for anyone.
        var holders = await db.Users.AsNoTracking()
            .Where(u => u.Certificate.ExpiresOn != null && u.Certificate.ExpiresOn <= horizon && u.LockoutEnd == null)
            .Select(u => new { u.Id, u.DisplayName, u.CompanyId, u.WeChatOpenId, u.Certificate.Number, ExpiresOn = u.Certificate.ExpiresOn!.Value })
            .ToListAsync(cancellationToken);
        if (holders.Count == 0)
        {
            return 0;
        }
        var ids = holders.Select(h => h.Id).ToList();
        var already = (await db.CertificateWarnings.AsNoTracking()
                .Where(w => ids.Contains(w.AccountId))
                .Select(w => new { w.AccountId, w.ExpiresOn, w.ThresholdDays })
                .ToListAsync(cancellationToken))
            .Select(w => (w.AccountId, w.ExpiresOn, w.ThresholdDays))
            .ToHashSet();
        var reviewers = new Dictionary<int, List<Recipient>>();
        var sent = 0;
        foreach (var holder in holders)
        {
            var left = holder.ExpiresOn.DayNumber - today.DayNumber;
            // Only the nearest threshold reached: a run after a long pause warns once, not for every missed step.
            var threshold = left < 0 ? 0 : Thresholds.Where(t => left <= t).Min();
            if (!already.Add((holder.Id, holder.ExpiresOn, threshold)))
            {
                continue;
            }
            if (!reviewers.TryGetValue(holder.CompanyId, out var office))
            {
                office = await db.WithPermission(holder.CompanyId, Permissions.MaintenancePlanReview)
                    .Where(u => u.LockoutEnd == null)
                    .Select(u => new Recipient(u.Id, u.WeChatOpenId))
                    .ToListAsync(cancellationToken);
                reviewers[holder.CompanyId] = office;
            }
            var number = holder.Number ?? "—";
            var title = threshold == 0
                ? string.Create(CultureInfo.InvariantCulture, $"作业人员证已过期 {holder.DisplayName}")
                : string.Create(CultureInfo.InvariantCulture, $"作业人员证到期预警 {holder.DisplayName}");
            var body = threshold == 0
                ? string.Create(CultureInfo.InvariantCulture, $"{holder.DisplayName} 的特种设备作业人员证 {number} 已于 {holder.ExpiresOn:yyyy-MM-dd} 到期，请尽快复审换证。")
                : string.Create(CultureInfo.InvariantCulture, $"{holder.DisplayName} 的特种设备作业人员证 {number} 将于 {holder.ExpiresOn:yyyy-MM-dd} 到期，还有 {left} 天。");
            Notify(new Recipient(holder.Id, holder.WeChatOpenId), title, body, WorkerLink);
            foreach (var reviewer in office.Where(r => r.Id != holder.Id))
            {
                Notify(reviewer, title, body, null);
            }
            db.CertificateWarnings.Add(new CertificateWarning
            {
                AccountId = holder.Id,
                ExpiresOn = holder.ExpiresOn,
                ThresholdDays = threshold,
                SentAtUtc = clock.GetUtcNow().UtcDateTime,
            });
            sent++;
        }
        // The warnings and their messages commit together: a failed run sends nothing and the next one sends it all.
        await db.SaveChangesAsync(cancellationToken);
        return sent;
    }

    private void Notify(Recipient person, string title, string body, string? link)
    {
        outbox.Add(NotificationChannel.InApp, person.Id, null, title, body, link);
        if (person.WeChatOpenId is { } openId)
        {
            outbox.Add(NotificationChannel.WeChat, person.Id, openId, title, body, link);
        }
    }

    private sealed record Recipient(int Id, string? WeChatOpenId);
}
