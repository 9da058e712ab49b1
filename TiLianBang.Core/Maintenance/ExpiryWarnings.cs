using System.Globalization;
using Microsoft.EntityFrameworkCore;
using TiLianBang.Core.Accounts;
using TiLianBang.Core.Common;
using TiLianBang.Core.Data;
using TiLianBang.Core.Notifications;
using TiLianBang.Core.Settings;

namespace TiLianBang.Core.Maintenance;

/// <summary>
/// 到期预警 (MNT-7): the annual inspection (下次检验日期) and the maintenance contract end, at each configured lead
/// time; and a maintenance visit that passed its due date. Messages go to the maintenance company's reviewers and
/// the user unit through the notification outbox (REP-5); each warning once per item and threshold, recorded in
/// the same transaction as its messages.
/// </summary>
public sealed class ExpiryWarnings(TiLianBangDbContext db, TimeProvider clock, SystemSettingsService settings, NotificationOutbox outbox)
{
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var today = clock.Today();
        var leads = (await settings.GetAsync(cancellationToken)).WarningLeadDays.OrderDescending().ToList();
        var horizon = today.AddDays(leads.Count == 0 ? 0 : leads.Max());
        var sent = 0;
        // What was already sent, read once: the key that makes each warning go out once per item and threshold.
        var already = (await db.ExpiryWarnings.AsNoTracking()
                .Select(w => new { w.ElevatorId, w.Subject, w.SubjectDate, w.ThresholdDays })
                .ToListAsync(cancellationToken))
            .Select(w => (w.ElevatorId, w.Subject, w.SubjectDate, w.ThresholdDays))
            .ToHashSet();
        var recipients = new Dictionary<(int?, int?), List<Recipient>>();

        var dated = await db.Elevators.AsNoTracking()
            .Where(e => (e.NextInspectionDate != null && e.NextInspectionDate <= horizon)
                || (e.MaintenanceContractEndDate != null && e.MaintenanceContractEndDate <= horizon))
            .Select(e => new { e.Id, e.Number, e.Name, e.NextInspectionDate, e.MaintenanceContractEndDate, e.MaintenanceCompanyId, e.UserUnitId })
            .ToListAsync(cancellationToken);
        foreach (var e in dated)
        {
            var target = new Target(e.Id, e.Number, e.Name, e.MaintenanceCompanyId, e.UserUnitId, null);
            if (e.NextInspectionDate is { } inspection)
            {
                sent += await WarnAheadAsync(target, ExpirySubject.Inspection, inspection, leads, today, "年检", already, recipients, cancellationToken);
            }
            if (e.MaintenanceContractEndDate is { } contractEnd)
            {
                sent += await WarnAheadAsync(target, ExpirySubject.MaintenanceContract, contractEnd, leads, today, "维保合同", already, recipients, cancellationToken);
            }
        }

        var overdue = await db.MaintenanceOrders.AsNoTracking()
            .Where(MaintenanceOrder.OverdueOn(today))
            .Select(o => new { o.Id, o.Number, o.DueOn, o.Period, o.WorkerId, o.ElevatorId, ElevatorNumber = o.Elevator!.Number, ElevatorName = o.Elevator.Name, o.Elevator.MaintenanceCompanyId, o.Elevator.UserUnitId })
            .ToListAsync(cancellationToken);
        foreach (var o in overdue)
        {
            var target = new Target(o.ElevatorId, o.ElevatorNumber, o.ElevatorName, o.MaintenanceCompanyId, o.UserUnitId, o.WorkerId);
            var body = string.Create(CultureInfo.InvariantCulture,
                $"{o.ElevatorName}：{MaintenanceSchedule.PeriodName(o.Period)}保养 {o.Number} 应于 {o.DueOn:yyyy-MM-dd} 完成，已超期 {today.DayNumber - o.DueOn.DayNumber} 天。");
            sent += await WarnOnceAsync(target, ExpirySubject.MaintenanceOverdue, o.DueOn, 0, $"保养超期 {o.ElevatorNumber}", body, $"/maintenance/orders/{o.Id}",
                already, recipients, cancellationToken);
        }
        // The warnings and their messages commit together: a failed run sends nothing and the next one sends it all.
        await db.SaveChangesAsync(cancellationToken);
        return sent;
    }

    private async Task<int> WarnAheadAsync(Target target, ExpirySubject subject, DateOnly date, List<int> leads, DateOnly today, string what,
        HashSet<(int, ExpirySubject, DateOnly, int)> already, Dictionary<(int?, int?), List<Recipient>> recipients, CancellationToken cancellationToken)
    {
        // Only the nearest threshold already reached: a warning run after a long pause says it once, not thrice.
        var left = date.DayNumber - today.DayNumber;
        var reached = leads.Where(l => left <= l).DefaultIfEmpty(-1).Min();
        if (reached < 0)
        {
            return 0;
        }
        var body = left >= 0
            ? string.Create(CultureInfo.InvariantCulture, $"{target.Name}：{what}日期 {date:yyyy-MM-dd}，还有 {left} 天。")
            : string.Create(CultureInfo.InvariantCulture, $"{target.Name}：{what}日期 {date:yyyy-MM-dd} 已过 {-left} 天。");
        return await WarnOnceAsync(target, subject, date, reached, $"{what}到期预警 {target.Number}", body, $"/monitor/elevators/{target.ElevatorId}",
            already, recipients, cancellationToken);
    }

    private async Task<int> WarnOnceAsync(Target target, ExpirySubject subject, DateOnly date, int threshold, string title, string body, string link,
        HashSet<(int, ExpirySubject, DateOnly, int)> already, Dictionary<(int?, int?), List<Recipient>> recipients, CancellationToken cancellationToken)
    {
        if (!already.Add((target.ElevatorId, subject, date, threshold)))
        {
            return 0;
        }
        if (!recipients.TryGetValue((target.MaintenanceCompanyId, target.UserUnitId), out var office))
        {
            office = await db.WithPermission(target.MaintenanceCompanyId, Permissions.MaintenancePlanReview)
                .Concat(db.WithPermission(target.UserUnitId, Permissions.MaintenanceQuery))
                .Select(u => new Recipient(u.Id, u.WeChatOpenId))
                .ToListAsync(cancellationToken);
            recipients[(target.MaintenanceCompanyId, target.UserUnitId)] = office;
        }
        var people = office.ToList();
        if (target.WorkerId is { } worker && people.All(p => p.Id != worker))
        {
            people.Add(await db.Users.Where(u => u.Id == worker).Select(u => new Recipient(u.Id, u.WeChatOpenId)).SingleAsync(cancellationToken));
        }
        foreach (var person in people.DistinctBy(p => p.Id))
        {
            outbox.Add(NotificationChannel.InApp, person.Id, null, title, body, link);
            if (person.WeChatOpenId is { } openId)
            {
                outbox.Add(NotificationChannel.WeChat, person.Id, openId, title, body, link);
            }
        }
        db.ExpiryWarnings.Add(new ExpiryWarning
        {
            ElevatorId = target.ElevatorId,
            Subject = subject,
            SubjectDate = date,
            ThresholdDays = threshold,
            SentAtUtc = clock.GetUtcNow().UtcDateTime,
        });
        return 1;
    }

    private sealed record Recipient(int Id, string? WeChatOpenId);

    private sealed record Target(int ElevatorId, string Number, string Name, int? MaintenanceCompanyId, int? UserUnitId, int? WorkerId);
}
