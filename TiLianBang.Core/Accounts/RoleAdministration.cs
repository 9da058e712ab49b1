using Microsoft.EntityFrameworkCore;
using TiLianBang.Core.Common;
using TiLianBang.Core.Data;
using TiLianBang.Core.Organizations;

namespace TiLianBang.Core.Accounts;

/// <summary>
/// 角色权限 (SYS-6, §6.1.8.6): roles of the caller's company (all companies for the platform operator). No
/// escalation: a caller can add or remove only permissions it holds itself, and a role gets only permissions its
/// company's kind may have (<see cref="PermissionCatalog"/>). A saved change reaches the role's accounts at once:
/// <see cref="AccountChangeInterceptor"/> evicts every cached account state, so tokens are re-checked on their
/// next request and staff cookies are rebuilt within <see cref="AccountSessionCheck.CacheTime"/>.
/// </summary>
public sealed class RoleAdministration(TiLianBangDbContext db, CurrentActor actor)
{
    public async Task<IReadOnlyList<RoleView>> ListAsync(int? companyId, string? search, CancellationToken cancellationToken)
    {
        RequirePermission();
        var query = db.Roles.AsNoTracking().Where(r => actor.Scope.SeesAll || r.CompanyId == actor.CompanyId);
        if (companyId is { } company)
        {
            query = query.Where(r => r.CompanyId == company);
        }
        if (!string.IsNullOrWhiteSpace(search))
        {
            var text = search.Trim();
            query = query.Where(r => r.Name.Contains(text) || r.Company!.Name.Contains(text));
        }
        var rows = await query.OrderBy(r => r.Company!.Name).ThenBy(r => r.Name)
            .Select(r => new
            {
                r.Id, r.Name, r.Description, r.CompanyId, CompanyName = r.Company!.Name, r.Company.Kind, r.Permissions,
                Accounts = db.Users.Count(u => u.RoleId == r.Id),
            })
            .ToListAsync(cancellationToken);
        var mine = AccountPermissions.Of(actor);
        return rows.Select(r =>
        {
            var effective = PermissionCatalog.EffectiveFor(r.Kind, r.Permissions).ToList();
            return new RoleView(r.Id, r.Name, r.Description, r.CompanyId, r.CompanyName, r.Kind, effective, r.Accounts, effective.All(mine.Contains));
        }).ToList();
    }

    public async Task<RoleView> GetAsync(int id, CancellationToken cancellationToken) =>
        (await ListAsync(null, null, cancellationToken)).SingleOrDefault(r => r.Id == id) ?? throw NotFound(id);

    /// <summary>
    /// The companies whose roles the caller manages: its own, or all for the platform. Asked here rather than of
    /// <see cref="AccountAdministration"/>, so that someone with 角色权限 but without 人员管理 can still add a role.
    /// </summary>
    public async Task<IReadOnlyList<CompanyOption>> CompaniesAsync(CancellationToken cancellationToken)
    {
        RequirePermission();
        return await db.Companies.AsNoTracking()
            .Where(c => actor.Scope.SeesAll || c.Id == actor.CompanyId)
            .OrderBy(c => c.Kind).ThenBy(c => c.Name)
            .Select(c => new CompanyOption(c.Id, c.Name, c.Kind))
            .ToListAsync(cancellationToken);
    }

    /// <summary>What the caller may tick for a role of a company of this kind.</summary>
    public IReadOnlySet<string> Grantable(CompanyKind kind)
    {
        var mine = AccountPermissions.Of(actor);
        return PermissionCatalog.AllowedFor(kind).Where(mine.Contains).ToHashSet(StringComparer.Ordinal);
    }

    public async Task<Role> SaveAsync(int? id, RoleInput input, CancellationToken cancellationToken)
    {
        RequirePermission();
        var role = id is { } existing
            ? await db.Roles.Include(r => r.Company).SingleOrDefaultAsync(r => r.Id == existing, cancellationToken)
            : null;
        if (id is not null && (role is null || !ManagesCompany(role.CompanyId)))
        {
            throw NotFound(id.Value);
        }
        var companyId = role?.CompanyId ?? input.CompanyId;
        var company = ManagesCompany(companyId)
            ? await db.Companies.SingleOrDefaultAsync(c => c.Id == companyId, cancellationToken)
            : null;
        var errors = new Dictionary<string, string>();
        if (company is null)
        {
            errors[nameof(input.CompanyId)] = "请选择您管理的单位。";
        }
        else if (role is not null && input.CompanyId != role.CompanyId)
        {
            errors[nameof(input.CompanyId)] = "角色所属单位不能修改。";
        }
        var name = input.Name?.Trim() ?? "";
        if (name.Length is 0 or > 50)
        {
            errors[nameof(input.Name)] = "角色名称应为 1–50 个字符。";
        }
        else if (await db.Roles.AnyAsync(r => r.CompanyId == companyId && r.Name == name && r.Id != (id ?? 0), cancellationToken))
        {
            errors[nameof(input.Name)] = $"该单位已有名为“{name}”的角色。";
        }
        if (input.Description?.Trim().Length > 200)
        {
            errors[nameof(input.Description)] = "说明最多 200 个字符。";
        }
        var requested = (input.Permissions ?? []).Distinct(StringComparer.Ordinal).ToList();
        if (company is not null)
        {
            var unknown = requested.Where(p => !Permissions.IsKnown(p)).ToList();
            var forbidden = requested.Where(p => Permissions.IsKnown(p) && !PermissionCatalog.IsAllowedFor(p, company.Kind)).ToList();
            var current = PermissionCatalog.EffectiveFor(company.Kind, role?.Permissions ?? []).ToHashSet(StringComparer.Ordinal);
            var mine = AccountPermissions.Of(actor);
            var beyond = requested.Where(p => Permissions.IsKnown(p) && !current.Contains(p) && !mine.Contains(p))
                .Concat(current.Where(p => !requested.Contains(p) && !mine.Contains(p)))
                .ToList();
            if (unknown.Count > 0)
            {
                errors[nameof(input.Permissions)] = $"未知的权限：{string.Join("、", unknown)}。";
            }
            else if (forbidden.Count > 0)
            {
                errors[nameof(input.Permissions)] = $"该类单位不能拥有以下权限：{string.Join("、", forbidden.Select(PermissionCatalog.TitleOf))}。";
            }
            else if (beyond.Count > 0)
            {
                errors[nameof(input.Permissions)] = $"您没有以下权限，不能授予或收回：{string.Join("、", beyond.Select(PermissionCatalog.TitleOf))}。";
            }
        }
        if (errors.Count > 0)
        {
            throw new ValidationException(errors);
        }
        if (role is null)
        {
            role = new Role { Name = name, CompanyId = companyId };
            db.Roles.Add(role);
        }
        role.Name = name;
        role.Description = string.IsNullOrWhiteSpace(input.Description) ? null : input.Description.Trim();
        // In catalogue order, so the stored list reads like the tree; what the kind may not have is dropped.
        role.Permissions = [.. Permissions.All.Where(requested.Contains)];
        await db.SaveChangesAsync(cancellationToken);
        return role;
    }

    public async Task DeleteAsync(int id, CancellationToken cancellationToken)
    {
        RequirePermission();
        var role = await db.Roles.SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (role is null || !ManagesCompany(role.CompanyId))
        {
            throw NotFound(id);
        }
        var holders = await db.Users.CountAsync(u => u.RoleId == id, cancellationToken);
        if (holders > 0)
        {
            throw new DomainException("role.in_use", $"角色“{role.Name}”仍有 {holders} 个账号使用，不能删除。", DomainErrorKind.Conflict);
        }
        var mine = AccountPermissions.Of(actor);
        if (!role.Permissions.Where(Permissions.IsKnown).All(mine.Contains))
        {
            throw new DomainException("role.above_caller", $"角色“{role.Name}”含有您没有的权限，不能删除。", DomainErrorKind.Forbidden);
        }
        db.Roles.Remove(role);
        await db.SaveChangesAsync(cancellationToken);
    }

    private bool ManagesCompany(int companyId) => actor.Scope.SeesAll || companyId == actor.CompanyId;

    private void RequirePermission()
    {
        if (!AccountPermissions.Of(actor).Contains(Permissions.SystemRoles))
        {
            throw new DomainException("role.forbidden", "您没有角色权限管理的权限。", DomainErrorKind.Forbidden);
        }
    }

    private static DomainException NotFound(int id) =>
        new("role.not_found", $"角色 {id} 不存在或无权查看。", DomainErrorKind.NotFound);
}

/// <summary>One role as 角色权限 lists it; <see cref="Permissions"/> are those it grants (its company's kind allows).</summary>
public sealed record RoleView(
    int Id, string Name, string? Description, int CompanyId, string CompanyName, CompanyKind CompanyKind,
    IReadOnlyList<string> Permissions, int AccountCount, bool Editable);

public sealed record RoleInput
{
    public string Name { get; init; } = "";
    public int CompanyId { get; init; }
    public string? Description { get; init; }
    public IReadOnlyList<string>? Permissions { get; init; }
}
