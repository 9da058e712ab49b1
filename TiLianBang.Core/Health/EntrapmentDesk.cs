using System.Globalization;
using Microsoft.EntityFrameworkCore;
using TiLianBang.Core.Accounts;
using TiLianBang.Core.Common;
using TiLianBang.Core.Data;
using TiLianBang.Core.Notifications;
using TiLianBang.Core.Repairs;

namespace TiLianBang.Core.Health;

/// <summary>
/// 困人研判 on the alarm desk: raises a suspected entrapment once per stuck car (never beside an open trapped-passenger
/// order or the device's own 困人), and lets a dispatcher confirm it (a trapped-passenger order with escalation) or
/// dismiss it. Every change is saved through EF, so it is in the operation log like every alarm.
/// </summary>
public sealed class EntrapmentDesk(
    TiLianBangDbContext db, RepairService repairs, NotificationOutbox outbox, EntrapmentFeed feed, AfterCommit afterCommit,
    CurrentActor actor, TimeProvider clock)
{
    /// <summary>Raises 疑似困人 for a stuck car; null when it is already known (an open suspicion or trapped order).</summary>
    public async Task<SuspectedEntrapment?> RaiseAsync(StuckCar car, CancellationToken cancellationToken)
    {
        var elevator = await db.Elevators.IgnoreQueryFilters().AsNoTracking()
            .Where(e => e.Id == car.ElevatorId)
            .Select(e => new { e.Number, e.Name, e.MaintenanceCompanyId })
            .SingleOrDefaultAsync(cancellationToken);
        if (elevator is null
            || await db.SuspectedEntrapments.IgnoreQueryFilters().AnyAsync(s => s.ElevatorId == car.ElevatorId && s.Status == SuspectedEntrapmentStatus.Open, cancellationToken)
            || await db.RepairOrders.IgnoreQueryFilters().AnyAsync(o => o.ElevatorId == car.ElevatorId && o.FaultCode == RepairService.TrappedCode
                && o.State != RepairOrderState.Closed && o.State != RepairOrderState.Cancelled, cancellationToken))
        {
            return null;
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var suspicion = new SuspectedEntrapment
        {
            ElevatorId = car.ElevatorId,
            DeviceId = car.DeviceId,
            StuckSinceUtc = car.Since.UtcDateTime,
            RaisedAtUtc = now,
            Floor = car.Floor,
            Door = car.Door,
            Mode = car.Mode,
            LoadPercent = car.LoadPercent,
            Status = SuspectedEntrapmentStatus.Open,
        };
        db.SuspectedEntrapments.Add(suspicion);
        if (elevator.MaintenanceCompanyId is { } maintainer)
        {
            var title = $"疑似困人 {elevator.Number}";
            var body = Evidence(elevator.Name, car.Floor, car.Since.UtcDateTime, now);
            foreach (var dispatcher in await db.WithPermission(maintainer, Permissions.RepairAlarm).AsNoTracking().Select(u => u.Id).ToListAsync(cancellationToken))
            {
                outbox.Add(NotificationChannel.InApp, dispatcher, null, title, body, "/repairs/alarms");
            }
        }
        await db.SaveChangesAsync(cancellationToken);
        Announce(suspicion, raised: true);
        return suspicion;
    }

    /// <summary>Open suspicions the actor can see, newest first, with each elevator's confirmed / dismissed record.</summary>
    public async Task<IReadOnlyList<SuspectedEntrapmentView>> OpenAsync(CancellationToken cancellationToken)
    {
        var open = await db.SuspectedEntrapments.AsNoTracking()
            .Where(s => s.Status == SuspectedEntrapmentStatus.Open)
            .OrderByDescending(s => s.Id)
            .Take(200)
            .Join(db.Elevators, s => s.ElevatorId, e => e.Id, (s, e) => new { s, e.Number, e.Name, Community = e.Community!.Name })
            .ToListAsync(cancellationToken);
        var ids = open.Select(o => o.s.ElevatorId).Distinct().ToList();
        var outcomes = await OutcomesAsync(ids, cancellationToken);
        return open.Select(o => new SuspectedEntrapmentView(o.s.Id, o.s.ElevatorId, o.Number, o.Name, o.Community, o.s.Floor, o.s.StuckSinceUtc,
                o.s.RaisedAtUtc, o.s.LoadPercent, o.s.Status, outcomes.GetValueOrDefault(o.s.ElevatorId) ?? RuleOutcomes.None))
            .ToList();
    }

    /// <summary>How often the rule was right, per elevator: confirmed (by a dispatcher or the device) and dismissed.</summary>
    public async Task<Dictionary<int, RuleOutcomes>> OutcomesAsync(IReadOnlyCollection<int> elevatorIds, CancellationToken cancellationToken) =>
        (await db.SuspectedEntrapments.AsNoTracking()
            .Where(s => elevatorIds.Contains(s.ElevatorId) && s.Status != SuspectedEntrapmentStatus.Open)
            .GroupBy(s => s.ElevatorId)
            .Select(g => new
            {
                g.Key,
                Confirmed = g.Count(s => s.Status == SuspectedEntrapmentStatus.Confirmed || s.Status == SuspectedEntrapmentStatus.ConfirmedByDevice),
                Dismissed = g.Count(s => s.Status == SuspectedEntrapmentStatus.Dismissed),
            })
            .ToListAsync(cancellationToken))
        .ToDictionary(x => x.Key, x => new RuleOutcomes(x.Confirmed, x.Dismissed));

    /// <summary>Confirms it: a trapped-passenger order is raised (or an open one joined) and escalates as every trapped order.</summary>
    public async Task<int> ConfirmAsync(int id, CancellationToken cancellationToken)
    {
        var suspicion = await FindOpenAsync(id, cancellationToken);
        var elevator = await db.Elevators.AsNoTracking().Where(e => e.Id == suspicion.ElevatorId).Select(e => e.Name).SingleAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await ClaimAsync(suspicion, SuspectedEntrapmentStatus.Confirmed, null, cancellationToken);
        var (order, _) = await repairs.RaiseFromSuspicionAsync(suspicion.ElevatorId,
            Confirmed(Evidence(elevator, suspicion.Floor, suspicion.StuckSinceUtc, suspicion.RaisedAtUtc)), cancellationToken);
        suspicion.RepairOrderId = order.Id;
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return order.Id;
    }

    /// <summary>Dismisses it (nobody trapped), with the dispatcher's reason.</summary>
    public async Task DismissAsync(int id, string? note, CancellationToken cancellationToken)
    {
        var text = note?.Trim();
        if (text is { Length: > 200 })
        {
            throw new ValidationException(new Dictionary<string, string> { ["Note"] = "说明最多 200 字。" });
        }
        var suspicion = await FindOpenAsync(id, cancellationToken);
        await ClaimAsync(suspicion, SuspectedEntrapmentStatus.Dismissed, string.IsNullOrEmpty(text) ? null : text, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The collector's own 困人 arrived: an open suspicion of the elevator was right and joins the device's order.</summary>
    public async Task DeviceReportedTrappedAsync(int elevatorId, CancellationToken cancellationToken)
    {
        var open = await db.SuspectedEntrapments.IgnoreQueryFilters()
            .Where(s => s.ElevatorId == elevatorId && s.Status == SuspectedEntrapmentStatus.Open)
            .ToListAsync(cancellationToken);
        if (open.Count == 0)
        {
            return;
        }
        var order = await db.RepairOrders.IgnoreQueryFilters()
            .Where(o => o.ElevatorId == elevatorId && o.FaultCode == RepairService.TrappedCode
                && o.State != RepairOrderState.Closed && o.State != RepairOrderState.Cancelled)
            .OrderByDescending(o => o.Id)
            .Select(o => (int?)o.Id)
            .FirstOrDefaultAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var suspicion in open)
        {
            suspicion.Status = SuspectedEntrapmentStatus.ConfirmedByDevice;
            suspicion.DecidedAtUtc = now;
            suspicion.RepairOrderId = order;
            Announce(suspicion, raised: false);
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task<SuspectedEntrapment> FindOpenAsync(int id, CancellationToken cancellationToken)
    {
        var suspicion = await db.SuspectedEntrapments.SingleOrDefaultAsync(s => s.Id == id, cancellationToken)
            ?? throw new DomainException("entrapment.not_found", $"疑似困人 {id} 不存在或无权查看。", DomainErrorKind.NotFound);
        return suspicion.Status == SuspectedEntrapmentStatus.Open
            ? suspicion
            : throw new DomainException("entrapment.decided", "该疑似困人已处理。", DomainErrorKind.Conflict);
    }

    /// <summary>Decides it unless someone else just did: two dispatchers clicking at once get one decision.</summary>
    private async Task ClaimAsync(SuspectedEntrapment suspicion, SuspectedEntrapmentStatus status, string? note, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var claimed = await db.SuspectedEntrapments
            .Where(s => s.Id == suspicion.Id && s.Status == SuspectedEntrapmentStatus.Open)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, status).SetProperty(x => x.DecidedAtUtc, now).SetProperty(x => x.DecidedBy, actor.AccountId),
                cancellationToken);
        if (claimed == 0)
        {
            throw new DomainException("entrapment.decided", "该疑似困人已处理。", DomainErrorKind.Conflict);
        }
        // The tracked entity follows, so that the save after this writes the decision to the operation log.
        suspicion.Status = status;
        suspicion.DecidedAtUtc = now;
        suspicion.DecidedBy = actor.AccountId;
        suspicion.Note = note;
        Announce(suspicion, raised: false);
    }

    private void Announce(SuspectedEntrapment suspicion, bool raised)
    {
        var change = new EntrapmentChanged(suspicion.Id, suspicion.ElevatorId, suspicion.Status, raised);
        afterCommit.Run(db, () => feed.Publish(change));
    }

    private static string Confirmed(string evidence) => $"疑似困人（平台研判，调度确认）：{evidence}";

    /// <summary>The evidence in plain words: where the car stands and for how long.</summary>
    public static string Evidence(string elevatorName, int floor, DateTime stuckSinceUtc, DateTime raisedAtUtc) =>
        string.Create(CultureInfo.InvariantCulture,
            $"{elevatorName} 第 {floor} 层站附近停在门区外，门已关闭，轿厢有人，已持续 {(int)(raisedAtUtc - stuckSinceUtc).TotalSeconds} 秒，设备未报困人。");
}

/// <summary>How often 困人研判 was right for one elevator.</summary>
public sealed record RuleOutcomes(int Confirmed, int Dismissed)
{
    public static readonly RuleOutcomes None = new(0, 0);
}

public sealed record SuspectedEntrapmentView(
    int Id, int ElevatorId, string ElevatorNumber, string ElevatorName, string? Community, int Floor, DateTime StuckSinceUtc,
    DateTime RaisedAtUtc, double? LoadPercent, SuspectedEntrapmentStatus Status, RuleOutcomes Outcomes);
