using Microsoft.EntityFrameworkCore;
using TiLianBang.Core.Accounts;
using TiLianBang.Core.Common;
using TiLianBang.Core.Data;
using TiLianBang.Core.Devices;
using TiLianBang.Core.Organizations;

namespace TiLianBang.Core.Elevators;

/// <summary>
/// 电梯档案 (ARC-1, ARC-3): create, edit and batch-edit archives. Every change is checked whole — per field, with
/// the reason — and saved whole or not at all.
/// </summary>
public sealed class ElevatorArchives(TiLianBangDbContext db, CurrentActor actor, TimeProvider clock, DeviceDirectory devices)
{
    public const int MaxCameras = 4;
    public const int MaxComponents = 50;

    /// <summary>Field → what is wrong; empty when the archive can be saved (as a new elevator when <paramref name="id"/> is null).</summary>
    public async Task<Dictionary<string, string>> ValidateAsync(ElevatorArchive a, int? id, CancellationToken cancellationToken)
    {
        var number = a.Number.Trim();
        var companyIds = new[] { a.UserUnitId, a.ManufacturerId, a.MaintenanceCompanyId, a.InspectionAgencyId }.OfType<int>().ToList();
        var references = new ArchiveReferences(
            (await db.Communities.Where(c => c.Id == a.CommunityId).Select(c => c.Id).ToListAsync(cancellationToken)).ToHashSet(),
            await db.Companies.Where(c => companyIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Kind, cancellationToken),
            await db.Elevators.IgnoreQueryFilters().Where(e => e.Number == number).ToDictionaryAsync(e => e.Number, e => e.Id, cancellationToken));
        return Validate(a, id, references);
    }

    /// <summary>The same check against references loaded once (an import of thousands of rows).</summary>
    internal Dictionary<string, string> Validate(ElevatorArchive a, int? id, ArchiveReferences references)
    {
        var errors = ElevatorArchiveRules.Check(a, clock.Today());
        var number = a.Number.Trim();
        if (!errors.ContainsKey(nameof(a.Number)) && references.ElevatorIdsByNumber.TryGetValue(number, out var holder) && holder != id)
        {
            errors[nameof(a.Number)] = $"电梯编号 {number} 已存在。";
        }
        if (!references.Communities.Contains(a.CommunityId))
        {
            errors[nameof(a.CommunityId)] = "请选择小区。";
        }
        void Company(string field, int? companyId, CompanyKind kind, string what, bool required)
        {
            if (companyId is null)
            {
                if (required)
                {
                    errors[field] = $"请选择{what}。";
                }
            }
            else if (references.CompanyKinds.GetValueOrDefault(companyId.Value, CompanyKind.Platform) != kind)
            {
                errors[field] = $"请从{what}列表中选择。";
            }
        }
        Company(nameof(a.UserUnitId), a.UserUnitId, CompanyKind.UserUnit, "使用单位", required: true);
        Company(nameof(a.ManufacturerId), a.ManufacturerId, CompanyKind.Manufacturer, "制造单位", required: false);
        Company(nameof(a.MaintenanceCompanyId), a.MaintenanceCompanyId, CompanyKind.MaintenanceCompany, "维保单位", required: false);
        Company(nameof(a.InspectionAgencyId), a.InspectionAgencyId, CompanyKind.InspectionAgency, "检验机构", required: false);
        // A company that writes itself out of an archive would lose it the moment it saves.
        var named = new[] { a.UserUnitId, a.ManufacturerId, a.MaintenanceCompanyId, a.InspectionAgencyId };
        if (!actor.Scope.SeesAll && actor.CompanyId is { } own && !named.Contains(own))
        {
            errors["Companies"] = "本单位须是该电梯的使用单位、制造单位、维保单位或检验机构之一。";
        }
        return errors;
    }

    public async Task<Elevator> CreateAsync(ElevatorArchive archive, CancellationToken cancellationToken)
    {
        RequireEdit();
        await ThrowIfInvalidAsync(archive, null, cancellationToken);
        var elevator = new Elevator { Number = "", Name = "" };
        archive.ApplyTo(elevator);
        db.Elevators.Add(elevator);
        await db.SaveChangesAsync(cancellationToken);
        return elevator;
    }

    public async Task UpdateAsync(int id, ElevatorArchive archive, CancellationToken cancellationToken)
    {
        RequireEdit();
        var elevator = await db.Elevators.SingleOrDefaultAsync(e => e.Id == id, cancellationToken) ?? throw NotFound(id);
        await ThrowIfInvalidAsync(archive, id, cancellationToken);
        archive.ApplyTo(elevator);
        await db.SaveChangesAsync(cancellationToken);
        if (devices.FindByElevator(id) is { } device)
        {
            await devices.RefreshAsync(device.DeviceId, cancellationToken);
        }
    }

    /// <summary>批量修改: the chosen fields of the selected elevators, each result checked; all or none are changed.</summary>
    public async Task<int> BatchUpdateAsync(IReadOnlyCollection<int> ids, ElevatorBatchChange change, CancellationToken cancellationToken)
    {
        RequireEdit();
        var elevators = await db.Elevators.Where(e => ids.Contains(e.Id)).ToListAsync(cancellationToken);
        if (elevators.Count != ids.Distinct().Count())
        {
            throw new DomainException("elevator.not_found", "所选电梯中有不存在或无权修改的电梯。", DomainErrorKind.NotFound);
        }
        foreach (var elevator in elevators)
        {
            var archive = change.ApplyTo(ElevatorArchive.Of(elevator));
            var errors = await ValidateAsync(archive, elevator.Id, cancellationToken);
            if (errors.Count > 0)
            {
                throw new ValidationException(errors.ToDictionary(e => e.Key, e => $"{elevator.Number}：{e.Value}"));
            }
            archive.ApplyTo(elevator);
        }
        await db.SaveChangesAsync(cancellationToken);
        return elevators.Count;
    }

    /// <summary>更新二维码: a new token; labels printed with the old one stop working.</summary>
    public async Task<string> RenewPublicTokenAsync(int id, CancellationToken cancellationToken)
    {
        RequireEdit();
        var elevator = await db.Elevators.SingleOrDefaultAsync(e => e.Id == id, cancellationToken) ?? throw NotFound(id);
        elevator.PublicToken = Elevator.NewPublicToken();
        await db.SaveChangesAsync(cancellationToken);
        return elevator.PublicToken;
    }

    private async Task ThrowIfInvalidAsync(ElevatorArchive archive, int? id, CancellationToken cancellationToken)
    {
        var errors = await ValidateAsync(archive, id, cancellationToken);
        if (errors.Count > 0)
        {
            throw new ValidationException(errors);
        }
    }

    internal void RequireEdit()
    {
        if (!actor.HasPermission(Permissions.ArchiveElevatorsEdit))
        {
            throw new DomainException("elevator.forbidden", "您没有编辑电梯档案的权限。", DomainErrorKind.Forbidden);
        }
    }

    private static DomainException NotFound(int id) =>
        new("elevator.not_found", $"电梯 {id} 不存在或无权查看。", DomainErrorKind.NotFound);
}
