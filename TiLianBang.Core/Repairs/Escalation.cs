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

    /// <summary>Who writes the escalation steps on an order.</summary>
    public const string StepUserName = "system:escalation";

    /// <summary>Ends the step of a level that reached nobody; pages look for it (<see cref="UnreachedSteps"/>).</summary>
    public const string NobodyNote = "无人可通知，请检查5级上报设置";

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
                var elevator = order.Elevator!;
                var contacts = await ContactsAsync(elevator.MaintenanceCompanyId, elevator.UserUnitId, elevator.CommunityId, level.Target, cancellationToken);
                // The workers were told when the order was created; a level for them at minute 0 is that message.
                var toldAtCreation = level is { Target: EscalationTarget.Workers, AfterMinutes: 0 };
                if (!toldAtCreation)
                {
                    Notify(order, level, contacts);
                }
                order.EscalatedLevel = level.Level;
                order.Steps.Add(new RepairOrderStep
                {
                    State = order.State,
                    AtUtc = now,
                    UserName = StepUserName,
                    Note = StepNote(level, contacts.Count, toldAtCreation),
                });
                reached++;
            }
        }
        await db.SaveChangesAsync(cancellationToken);
        return reached;
    }

    /// <summary>
    /// Whom each of an elevator's levels would reach right now (the 5级上报 tab shows it, warning on levels that
    /// reach nobody): the same people <see cref="RunAsync"/> tells.
    /// </summary>
    public async Task<IReadOnlyList<EscalationReach>> PreviewAsync(int elevatorId, CancellationToken cancellationToken)
    {
        var byTarget = await ContactsByTargetAsync(elevatorId, cancellationToken);
        return (await LevelsAsync(elevatorId, cancellationToken))
            .Select(l => new EscalationReach(l.Level, l.Target, l.AfterMinutes, byTarget[l.Target]))
            .ToList();
    }

    /// <summary>Whom each kind of level would reach for the elevator now (the editor shows it as targets change).</summary>
    public async Task<IReadOnlyDictionary<EscalationTarget, IReadOnlyList<EscalationContact>>> ContactsByTargetAsync(int elevatorId, CancellationToken cancellationToken)
    {
        var elevator = await db.Elevators.AsNoTracking().Where(e => e.Id == elevatorId)
            .Select(e => new { e.MaintenanceCompanyId, e.UserUnitId, e.CommunityId })
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw new DomainException("elevator.not_found", $"电梯 {elevatorId} 不存在或无权查看。", DomainErrorKind.NotFound);
        var result = new Dictionary<EscalationTarget, IReadOnlyList<EscalationContact>>();
        foreach (var target in Enum.GetValues<EscalationTarget>())
        {
            result[target] = await ContactsAsync(elevator.MaintenanceCompanyId, elevator.UserUnitId, elevator.CommunityId, target, cancellationToken);
        }
        return result;
    }

    /// <summary>The escalation steps of an order whose level reached nobody: a configuration problem to show on the order.</summary>
    public static IReadOnlyList<RepairOrderStep> UnreachedSteps(RepairOrder order) =>
        order.Steps.Where(s => s.UserName == StepUserName && s.Note?.Contains(NobodyNote, StringComparison.Ordinal) == true).OrderBy(s => s.AtUtc).ToList();

    // Whole sentences, so that each stored note is one catalog template and reads in English too (CoreTexts.Show).
    private static string StepNote(EscalationLevel level, int told, bool toldAtCreation) => told == 0
        ? $"第 {level.Level} 级上报：{TargetName(level.Target)}（报警后 {level.AfterMinutes} 分钟未到场，无人可通知，请检查5级上报设置）"
        : toldAtCreation
            ? $"第 {level.Level} 级上报：{TargetName(level.Target)}（建单时已通知 {told} 人）"
            : $"第 {level.Level} 级上报：{TargetName(level.Target)}（报警后 {level.AfterMinutes} 分钟未到场，通知 {told} 人）";

    private bool IsEscalating(RepairOrder order) =>
        order.PassengersTrapped || (order.FaultCode is { } code && codes.Find(code).Severity == FaultSeverity.Critical);

    private void Notify(RepairOrder order, EscalationLevel level, IReadOnlyList<EscalationContact> contacts)
    {
        var elevator = order.Elevator!;
        var title = $"{(order.PassengersTrapped ? "困人" : "紧急故障")}未到场 {elevator.Number}";
        var body = $"{elevator.Name}：{order.Description}，报警已超过 {level.AfterMinutes} 分钟";
        var link = $"/repairs/orders/{order.Id}";
        foreach (var contact in contacts)
        {
            if (contact.AccountId is not { } account)
            {
                outbox.Add(NotificationChannel.Sms, null, contact.Phone, title, body, link);
                continue;
            }
            outbox.Add(NotificationChannel.InApp, account, null, title, body, link);
            if (contact.WeChatOpenId is { } openId)
            {
                outbox.Add(NotificationChannel.WeChat, account, openId, title, body, link);
            }
        }
    }

    /// <summary>Whom a level reaches: the one answer behind both the notifier and the preview.</summary>
    private async Task<IReadOnlyList<EscalationContact>> ContactsAsync(int? maintainer, int? userUnit, int communityId, EscalationTarget target, CancellationToken cancellationToken)
    {
        IQueryable<Account> people;
        switch (target)
        {
            case EscalationTarget.Workers:
                people = db.WithPermission(maintainer, Permissions.RepairHandle);
                break;
            case EscalationTarget.TeamLeader:
                people = db.WithPermission(maintainer, Permissions.RepairReview);
                break;
            case EscalationTarget.CompanyDuty:
                var duty = await db.Companies.AsNoTracking().Where(c => c.Id == maintainer)
                    .Select(c => new { c.Name, c.ContactPhone }).SingleOrDefaultAsync(cancellationToken);
                return duty is { ContactPhone: { } phone } && !string.IsNullOrWhiteSpace(phone)
                    ? [new EscalationContact(null, duty.Name, phone.Trim(), null)]
                    : [];
            case EscalationTarget.UserUnit:
                people = db.Users.Where(u => u.CompanyId == userUnit);
                break;
            case EscalationTarget.Supervisor:
                var region = await db.Communities.Where(c => c.Id == communityId).Select(c => c.Region).SingleAsync(cancellationToken);
                var supervisors = (await db.Companies.AsNoTracking().Where(c => c.Kind == CompanyKind.Supervisor).ToListAsync(cancellationToken))
                    .Where(c => c.Region.Contains(region)).Select(c => c.Id).ToList();
                people = db.Users.Where(u => supervisors.Contains(u.CompanyId));
                break;
            default:
                return [];
        }
        return await people.AsNoTracking().OrderBy(u => u.Id)
            .Select(u => new EscalationContact(u.Id, u.DisplayName, u.PhoneNumber, u.WeChatOpenId))
            .ToListAsync(cancellationToken);
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
