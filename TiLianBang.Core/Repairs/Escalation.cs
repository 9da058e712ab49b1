using Microsoft.EntityFrameworkCore;
using TiLianBang.Core.Accounts;
using TiLianBang.Core.Common;
using TiLianBang.Core.Data;
using TiLianBang.Core.FaultCodes;
using TiLianBang.Core.Notifications;
using TiLianBang.Core.Settings;
using TiLianBang.Core.Organizations;

namespace TiLianBang.Core.Repairs;

/// <summary>
/// 5级上报 (REP-4): while nobody has accepted a trapped-passenger or critical order, each level is told once its
/// minutes have passed since the alarm; every step is written on the order. Accepting stops it. The progress is kept on the order
/// itself (<see cref="RepairOrder.EscalatedLevel"/>), so a restart neither loses nor repeats a level.
/// </summary>
public sealed class Escalation(TiLianBangDbContext db, NotificationOutbox outbox, FaultCodeCatalog codes, TimeProvider clock, SystemSettingsService settings)
{
    /// <summary>Whom the default levels tell, in order; their minutes are in 系统配置.</summary>
    public static readonly IReadOnlyList<EscalationTarget> DefaultTargets =
    [
        EscalationTarget.Workers, EscalationTarget.TeamLeader, EscalationTarget.CompanyDuty, EscalationTarget.UserUnit, EscalationTarget.Supervisor,
    ];

    public async Task<IReadOnlyList<EscalationLevel>> LevelsAsync(int elevatorId, CancellationToken cancellationToken)
    {
        var configured = await db.EscalationLevels.AsNoTracking().Where(l => l.ElevatorId == elevatorId).OrderBy(l => l.Level).ToListAsync(cancellationToken);
        return configured.Count > 0
            ? configured
            : (await settings.GetAsync(cancellationToken)).EscalationDefaultMinutes.Zip(DefaultTargets)
                .Select((d, i) => new EscalationLevel { ElevatorId = elevatorId, Level = i + 1, Target = d.Second, AfterMinutes = d.First }).ToList();
    }

    /// <summary>Sets an elevator's levels (from the archive's 5级上报 section); minutes must rise with the level.</summary>
    public async Task SetLevelsAsync(int elevatorId, IReadOnlyList<(EscalationTarget Target, int AfterMinutes)> levels, CancellationToken cancellationToken)
    {
        if (!await db.Elevators.AnyAsync(e => e.Id == elevatorId, cancellationToken))
        {
            throw new DomainException("elevator.not_found", $"电梯 {elevatorId} 不存在或无权查看。", DomainErrorKind.NotFound);
        }
        if (levels.Count is 0 or > 5 || levels.Any(l => l.AfterMinutes is < 0 or > 24 * 60)
            || levels.Zip(levels.Skip(1)).Any(p => p.Second.AfterMinutes <= p.First.AfterMinutes))
        {
            throw new ValidationException(new Dictionary<string, string> { ["Levels"] = "上报设置为 1 到 5 级，分钟数须逐级递增（0–1440）。" });
        }
        db.EscalationLevels.RemoveRange(db.EscalationLevels.Where(l => l.ElevatorId == elevatorId));
        db.EscalationLevels.AddRange(levels.Select((l, i) => new EscalationLevel { ElevatorId = elevatorId, Level = i + 1, Target = l.Target, AfterMinutes = l.AfterMinutes }));
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Tells every level that is due; returns how many levels were reached in this pass.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var waiting = await db.RepairOrders
            .Include(o => o.Elevator)
            .Where(o => o.State == RepairOrderState.Created)
            .ToListAsync(cancellationToken);
        var reached = 0;
        foreach (var order in waiting.Where(IsEscalating))
        {
            var levels = await LevelsAsync(order.ElevatorId, cancellationToken);
            foreach (var level in levels.Where(l => l.Level > order.EscalatedLevel && order.CreatedAtUtc.AddMinutes(l.AfterMinutes) <= now).OrderBy(l => l.Level))
            {
                // The workers were told when the order was created; a level for them at minute 0 is that message.
                var told = level is { Target: EscalationTarget.Workers, AfterMinutes: 0 } ? 0 : await NotifyAsync(order, level, cancellationToken);
                order.EscalatedLevel = level.Level;
                order.Steps.Add(new RepairOrderStep
                {
                    State = order.State,
                    AtUtc = now,
                    UserName = "system:escalation",
                    Note = $"第 {level.Level} 级上报：{TargetName(level.Target)}（报警后 {level.AfterMinutes} 分钟未到场，通知 {told} 人）",
                });
                reached++;
            }
        }
        await db.SaveChangesAsync(cancellationToken);
        return reached;
    }

    private bool IsEscalating(RepairOrder order) =>
        order.PassengersTrapped || (order.FaultCode is { } code && codes.Find(code).Severity == FaultSeverity.Critical);

    private async Task<int> NotifyAsync(RepairOrder order, EscalationLevel level, CancellationToken cancellationToken)
    {
        var elevator = order.Elevator!;
        var title = $"{(order.PassengersTrapped ? "困人" : "紧急故障")}未到场 {elevator.Number}";
        var body = $"{elevator.Name}：{order.Description}，报警已超过 {level.AfterMinutes} 分钟";
        var link = $"/repairs/orders/{order.Id}";
        switch (level.Target)
        {
            case EscalationTarget.CompanyDuty:
                var phone = await db.Companies.Where(c => c.Id == elevator.MaintenanceCompanyId).Select(c => c.ContactPhone).SingleOrDefaultAsync(cancellationToken);
                if (string.IsNullOrWhiteSpace(phone))
                {
                    return 0;
                }
                outbox.Add(NotificationChannel.Sms, null, phone, title, body, link);
                return 1;
            default:
                var people = await RecipientsAsync(elevator.MaintenanceCompanyId, elevator.UserUnitId, elevator.CommunityId, level.Target, cancellationToken);
                foreach (var person in people)
                {
                    outbox.Add(NotificationChannel.InApp, person.Id, null, title, body, link);
                    if (person.WeChatOpenId is { } openId)
                    {
                        outbox.Add(NotificationChannel.WeChat, person.Id, openId, title, body, link);
                    }
                }
                return people.Count;
        }
    }

    private async Task<List<Account>> RecipientsAsync(int? maintainer, int? userUnit, int communityId, EscalationTarget target, CancellationToken cancellationToken)
    {
        var users = db.Users.AsNoTracking();
        switch (target)
        {
            case EscalationTarget.Workers:
                return await db.WithPermission(maintainer, Permissions.RepairHandle).AsNoTracking().ToListAsync(cancellationToken);
            case EscalationTarget.TeamLeader:
                return await db.WithPermission(maintainer, Permissions.RepairReview).AsNoTracking().ToListAsync(cancellationToken);
            case EscalationTarget.UserUnit:
                return await users.Where(u => u.CompanyId == userUnit).ToListAsync(cancellationToken);
            case EscalationTarget.Supervisor:
                var region = await db.Communities.Where(c => c.Id == communityId).Select(c => c.Region).SingleAsync(cancellationToken);
                var supervisors = (await db.Companies.AsNoTracking().Where(c => c.Kind == CompanyKind.Supervisor).ToListAsync(cancellationToken))
                    .Where(c => c.Region.Contains(region)).Select(c => c.Id).ToList();
                return await users.Where(u => supervisors.Contains(u.CompanyId)).ToListAsync(cancellationToken);
            default:
                return [];
        }
    }

    public static string TargetName(EscalationTarget target) => target switch
    {
        EscalationTarget.Workers => "维保人员",
        EscalationTarget.TeamLeader => "维保班组长",
        EscalationTarget.CompanyDuty => "维保公司值班电话",
        EscalationTarget.UserUnit => "使用单位",
        EscalationTarget.Supervisor => "监管部门",
        _ => target.ToString(),
    };
}
