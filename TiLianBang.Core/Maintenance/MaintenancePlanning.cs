using Microsoft.EntityFrameworkCore;
using TiLianBang.Core.Accounts;
using TiLianBang.Core.Common;
using TiLianBang.Core.Data;
using TiLianBang.Core.Localization;

namespace TiLianBang.Core.Maintenance;

/// <summary>
/// 保养分组 and 计划录入 (MNT-1): a maintenance company's teams, and per elevator who maintains it and how.
/// Only the elevator's maintenance company plans it; entering a plan again overwrites it, and the visits not yet
/// started follow the new plan.
/// </summary>
public sealed class MaintenancePlanning(TiLianBangDbContext db, CurrentActor actor, TimeProvider clock)
{
    public async Task<IReadOnlyList<MaintenanceGroupView>> GroupsAsync(CancellationToken cancellationToken)
    {
        var groups = await db.MaintenanceGroups.AsNoTracking().OrderBy(g => g.Name).ToListAsync(cancellationToken);
        var ids = groups.SelectMany(g => g.MemberIds.Append(g.LeaderId ?? 0)).Distinct().ToList();
        var people = await MaintenanceWorkers.ByIdAsync(db, ids, clock.Today(), cancellationToken);
        return groups.Select(g => new MaintenanceGroupView(
                g.Id, g.Name, g.LeaderId, g.LeaderId is { } l ? people.GetValueOrDefault(l)?.Name : null,
                g.MemberIds.Where(people.ContainsKey).Select(m => people[m]).ToList()))
            .ToList();
    }

    /// <summary>The people of a maintenance company who do maintenance work (保养作业).</summary>
    public Task<IReadOnlyList<WorkerOption>> WorkersAsync(int? companyId, CancellationToken cancellationToken) =>
        MaintenanceWorkers.OfAsync(db, companyId ?? actor.CompanyId, clock.Today(), cancellationToken);

    public async Task<MaintenanceGroup> SaveGroupAsync(int? id, string name, int? leaderId, IReadOnlyCollection<int> memberIds, CancellationToken cancellationToken)
    {
        Require(Permissions.MaintenanceGroups, "您没有保养分组的权限。");
        var company = actor.CompanyId ?? throw new DomainException("maintenance.no_company", "只有维保单位的账号可以管理保养分组。", DomainErrorKind.Forbidden);
        var members = memberIds.Append(leaderId ?? 0).Where(m => m > 0).Distinct().ToList();
        var errors = new Dictionary<string, string>();
        var trimmed = name.Trim();
        if (trimmed.Length is 0 or > 50)
        {
            errors["Name"] = "组名应为 1–50 个字符。";
        }
        else if (await db.MaintenanceGroups.AnyAsync(g => g.Name == trimmed && g.Id != id, cancellationToken))
        {
            errors["Name"] = $"已有名为“{trimmed}”的分组。";
        }
        var workers = (await WorkersAsync(company, cancellationToken)).Select(w => w.Id).ToHashSet();
        if (members.Count == 0)
        {
            errors["Members"] = "请至少选择一名组员。";
        }
        else if (!members.All(workers.Contains))
        {
            errors["Members"] = "组员只能是本单位有保养作业权限的人员。";
        }
        if (errors.Count > 0)
        {
            throw new ValidationException(errors);
        }
        var group = id is { } existing
            ? await db.MaintenanceGroups.SingleOrDefaultAsync(g => g.Id == existing, cancellationToken)
                ?? throw new DomainException("maintenance.group_not_found", $"保养分组 {existing} 不存在或无权查看。", DomainErrorKind.NotFound)
            : db.MaintenanceGroups.Add(new MaintenanceGroup { CompanyId = company, Name = trimmed }).Entity;
        group.Name = trimmed;
        group.LeaderId = leaderId;
        group.MemberIds = members;
        await db.SaveChangesAsync(cancellationToken);
        return group;
    }

    public async Task DeleteGroupAsync(int id, CancellationToken cancellationToken)
    {
        Require(Permissions.MaintenanceGroups, "您没有保养分组的权限。");
        var group = await db.MaintenanceGroups.SingleOrDefaultAsync(g => g.Id == id, cancellationToken)
            ?? throw new DomainException("maintenance.group_not_found", $"保养分组 {id} 不存在或无权查看。", DomainErrorKind.NotFound);
        db.MaintenanceGroups.Remove(group);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The elevators the actor's company maintains (everything for the platform), with their plans.</summary>
    public async Task<IReadOnlyList<MaintenancePlanRow>> PlansAsync(string? search, CancellationToken cancellationToken)
    {
        var elevators = db.Elevators.AsNoTracking();
        if (!actor.Scope.SeesAll)
        {
            elevators = elevators.Where(e => e.MaintenanceCompanyId == actor.CompanyId);
        }
        if (!string.IsNullOrWhiteSpace(search))
        {
            var term = search.Trim();
            elevators = elevators.Where(e => e.Number.Contains(term) || e.Name.Contains(term) || e.Community!.Name.Contains(term));
        }
        var rows = await elevators.OrderBy(e => e.Number)
            .Select(e => new
            {
                e.Id, e.Number, e.Name, Community = e.Community!.Name, e.MaintenanceCompanyId, Maintainer = e.MaintenanceCompany!.Name,
                Plan = db.MaintenancePlans.FirstOrDefault(p => p.ElevatorId == e.Id),
            })
            .ToListAsync(cancellationToken);
        // Collectors are scoped to their own company; whether one is bound is asked apart so the elevators stay scoped.
        var elevatorIds = rows.Select(r => r.Id).ToList();
        var monitored = (await db.Devices.IgnoreQueryFilters().Where(d => d.ElevatorId != null && elevatorIds.Contains(d.ElevatorId.Value))
            .Select(d => d.ElevatorId!.Value).ToListAsync(cancellationToken)).ToHashSet();
        var groupIds = rows.Where(r => r.Plan?.GroupId != null).Select(r => r.Plan!.GroupId!.Value).Distinct().ToList();
        var groups = await db.MaintenanceGroups.IgnoreQueryFilters().AsNoTracking().Where(g => groupIds.Contains(g.Id)).ToDictionaryAsync(g => g.Id, g => g.Name, cancellationToken);
        var workerIds = rows.Where(r => r.Plan?.WorkerId != null).Select(r => r.Plan!.WorkerId!.Value).Distinct().ToList();
        var workers = await db.Users.AsNoTracking().Where(u => workerIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
        return rows.Select(r => new MaintenancePlanRow(r.Id, r.Number, r.Name, r.Community, r.MaintenanceCompanyId, r.Maintainer, monitored.Contains(r.Id),
                r.Plan?.Id, r.Plan?.Mode, r.Plan?.StartDate, r.Plan?.GroupId, r.Plan?.GroupId is { } g ? groups.GetValueOrDefault(g) : null,
                r.Plan?.WorkerId, r.Plan?.WorkerId is { } w ? workers.GetValueOrDefault(w) : null))
            .ToList();
    }

    /// <summary>Enters or overwrites an elevator's plan; refused whole with the reasons when anything is wrong.</summary>
    public async Task<MaintenancePlan> SavePlanAsync(MaintenancePlanInput input, CancellationToken cancellationToken)
    {
        Require(Permissions.MaintenancePlanEntry, "您没有计划录入的权限。");
        var elevator = await db.Elevators.AsNoTracking()
            .Where(e => e.Id == input.ElevatorId)
            .Select(e => new { e.Id, e.MaintenanceCompanyId })
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw new DomainException("elevator.not_found", $"电梯 {input.ElevatorId} 不存在或无权查看。", DomainErrorKind.NotFound);
        // Asked apart: IgnoreQueryFilters would lift the elevator's scoping too if it were part of the query above.
        var monitored = await db.Devices.IgnoreQueryFilters().AnyAsync(d => d.ElevatorId == input.ElevatorId, cancellationToken);
        if (elevator.MaintenanceCompanyId is not { } maintainer)
        {
            throw new DomainException("maintenance.no_maintainer", "该电梯尚未指定维保单位，请先在电梯档案中填写。", DomainErrorKind.Conflict);
        }
        if (!actor.Scope.SeesAll && actor.CompanyId != maintainer)
        {
            throw new DomainException("maintenance.not_maintainer", "只有该电梯的维保单位可以录入保养计划。", DomainErrorKind.Forbidden);
        }
        var errors = new Dictionary<string, string>();
        if (input.GroupId is { } groupId
            && !await db.MaintenanceGroups.IgnoreQueryFilters().AnyAsync(g => g.Id == groupId && g.CompanyId == maintainer, cancellationToken))
        {
            errors["GroupId"] = "请选择该电梯维保单位的保养分组。";
        }
        if (input.WorkerId is { } workerId && !(await WorkersAsync(maintainer, cancellationToken)).Any(w => w.Id == workerId))
        {
            errors["WorkerId"] = "请选择该电梯维保单位有保养作业权限的人员。";
        }
        if (input.GroupId is null && input.WorkerId is null)
        {
            errors["WorkerId"] = "请选择保养分组或维保人员。";
        }
        if (input.Mode == MaintenanceMode.OnDemand && !monitored)
        {
            errors["Mode"] = "按需维保只适用于已安装物联网采集器的电梯。";
        }
        var today = clock.Today();
        if (input.StartDate < today.AddYears(-1) || input.StartDate > today.AddYears(1))
        {
            errors["StartDate"] = "首次保养日期应在前后一年之内。";
        }
        if (errors.Count > 0)
        {
            throw new ValidationException(errors);
        }

        var plan = await db.MaintenancePlans.SingleOrDefaultAsync(p => p.ElevatorId == input.ElevatorId, cancellationToken);
        var cycleChanged = plan is null || plan.Mode != input.Mode || plan.StartDate != input.StartDate;
        plan ??= db.MaintenancePlans.Add(new MaintenancePlan { ElevatorId = input.ElevatorId }).Entity;
        plan.GroupId = input.GroupId;
        plan.WorkerId = input.WorkerId;
        plan.Mode = input.Mode;
        plan.StartDate = input.StartDate;
        plan.UpdatedAtUtc = clock.GetUtcNow().UtcDateTime;

        // Visits nobody has started follow the new plan: regenerated on a new cycle, or handed to the new worker.
        var waiting = await db.MaintenanceOrders
            .Where(o => o.ElevatorId == input.ElevatorId && o.State == MaintenanceOrderState.Pending)
            .ToListAsync(cancellationToken);
        if (cycleChanged)
        {
            db.MaintenanceOrders.RemoveRange(waiting);
        }
        else
        {
            var worker = await MaintenanceWorkers.PlannedAsync(db, input.WorkerId, input.GroupId, cancellationToken);
            waiting.ForEach(o => o.WorkerId = worker);
        }
        await db.SaveChangesAsync(cancellationToken);
        return plan;
    }

    private void Require(string permission, LocalizedText message)
    {
        if (!actor.HasPermission(permission))
        {
            throw new DomainException("maintenance.forbidden", message, DomainErrorKind.Forbidden);
        }
    }
}
