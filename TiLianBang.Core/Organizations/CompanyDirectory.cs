using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using TiLianBang.Core.Accounts;
using TiLianBang.Core.Common;
using TiLianBang.Core.Data;

namespace TiLianBang.Core.Organizations;

/// <summary>
/// ARC-4: the companies around the elevators, one list per kind, with conditional search. A company still named
/// by an elevator, an account, a role, a collector or a maintenance group cannot be deleted; the refusal says by what.
/// </summary>
public sealed partial class CompanyDirectory(TiLianBangDbContext db, CurrentActor actor)
{
    public static readonly IReadOnlyList<string> UnitCategories = ["物业服务企业", "产权单位", "房地产开发企业", "机关事业单位", "医院", "学校", "商场", "酒店", "其他"];

    /// <summary>Which permission manages which kind of company.</summary>
    public static string PermissionFor(CompanyKind kind) => kind switch
    {
        CompanyKind.Manufacturer => Permissions.ArchiveManufacturers,
        CompanyKind.UserUnit => Permissions.ArchiveUserUnits,
        CompanyKind.Supervisor => Permissions.ArchiveSupervisors,
        CompanyKind.MaintenanceCompany => Permissions.ArchiveMaintenanceCompanies,
        CompanyKind.InspectionAgency => Permissions.ArchiveInspectionAgencies,
        _ => Permissions.SystemConfiguration,
    };

    public async Task<IReadOnlyList<Company>> ListAsync(CompanyKind kind, string? search, string? region, CancellationToken cancellationToken)
    {
        var companies = db.Companies.AsNoTracking().Where(c => c.Kind == kind);
        if (!string.IsNullOrWhiteSpace(search))
        {
            var term = search.Trim();
            companies = companies.Where(c => c.Name.Contains(term) || (c.ContactPerson != null && c.ContactPerson.Contains(term))
                || (c.ContactPhone != null && c.ContactPhone.Contains(term)) || (c.CreditCode != null && c.CreditCode.Contains(term)));
        }
        if (!string.IsNullOrWhiteSpace(region))
        {
            var r = region.Trim();
            companies = companies.Where(c => c.Region.Province.Contains(r) || (c.Region.City != null && c.Region.City.Contains(r))
                || (c.Region.District != null && c.Region.District.Contains(r)));
        }
        return await companies.OrderBy(c => c.Name).ToListAsync(cancellationToken);
    }

    /// <summary>Every company an archive can name (all kinds but the platform), for the pickers; one query.</summary>
    public async Task<IReadOnlyList<Company>> NameableAsync(CancellationToken cancellationToken) =>
        await db.Companies.AsNoTracking().Where(c => c.Kind != CompanyKind.Platform).OrderBy(c => c.Name).ToListAsync(cancellationToken);

    public async Task<Company> SaveAsync(CompanyKind kind, int? id, CompanyInput input, CancellationToken cancellationToken)
    {
        Require(kind);
        var errors = new Dictionary<string, string>();
        var name = input.Name.Trim();
        if (name.Length is 0 or > 100)
        {
            errors[nameof(input.Name)] = "单位名称应为 1–100 个字符。";
        }
        else if (await db.Companies.AnyAsync(c => c.Kind == kind && c.Name == name && c.Id != id, cancellationToken))
        {
            errors[nameof(input.Name)] = $"已有名为“{name}”的单位。";
        }
        if (string.IsNullOrWhiteSpace(input.Province))
        {
            errors[nameof(input.Province)] = "请填写所在省（直辖市）。";
        }
        // A supervisor sees the elevators of its region: the region must say how far it reaches.
        if (kind == CompanyKind.Supervisor && string.IsNullOrWhiteSpace(input.City))
        {
            errors[nameof(input.City)] = "监管机构请至少填写到市一级。";
        }
        if (!string.IsNullOrWhiteSpace(input.ContactPhone) && !PhonePattern().IsMatch(input.ContactPhone.Trim()))
        {
            errors[nameof(input.ContactPhone)] = "联系电话应为手机号或座机号（如 023-67001234）。";
        }
        if (!string.IsNullOrWhiteSpace(input.CreditCode) && !CreditCodePattern().IsMatch(input.CreditCode.Trim().ToUpperInvariant()))
        {
            errors[nameof(input.CreditCode)] = "统一社会信用代码应为 18 位（数字和大写字母，不含 I、O、Z、S、V）。";
        }
        if (kind == CompanyKind.UserUnit && !string.IsNullOrWhiteSpace(input.UnitCategory) && !UnitCategories.Contains(input.UnitCategory.Trim()))
        {
            errors[nameof(input.UnitCategory)] = $"单位类别应为：{string.Join("、", UnitCategories)}。";
        }
        if (errors.Count > 0)
        {
            throw new ValidationException(errors);
        }
        var region = new Region { Province = input.Province.Trim(), City = Text(input.City), District = Text(input.District) };
        var company = id is { } existing
            ? await db.Companies.SingleOrDefaultAsync(c => c.Id == existing && c.Kind == kind, cancellationToken) ?? throw NotFound(existing)
            : db.Companies.Add(new Company { Name = name, Kind = kind, Region = region }).Entity;
        company.Name = name;
        company.Region = region;
        company.Address = Text(input.Address);
        company.ContactPerson = Text(input.ContactPerson);
        company.ContactPhone = Text(input.ContactPhone);
        company.CreditCode = Text(input.CreditCode)?.ToUpperInvariant();
        company.UnitCategory = kind == CompanyKind.UserUnit ? Text(input.UnitCategory) : null;
        await db.SaveChangesAsync(cancellationToken);
        return company;
    }

    public async Task DeleteAsync(CompanyKind kind, int id, CancellationToken cancellationToken)
    {
        Require(kind);
        var company = await db.Companies.SingleOrDefaultAsync(c => c.Id == id && c.Kind == kind, cancellationToken) ?? throw NotFound(id);
        var uses = new List<string>();
        var elevators = await db.Elevators.IgnoreQueryFilters().CountAsync(e =>
            e.UserUnitId == id || e.MaintenanceCompanyId == id || e.ManufacturerId == id || e.InspectionAgencyId == id, cancellationToken);
        if (elevators > 0)
        {
            uses.Add($"{elevators} 台电梯");
        }
        if (await db.Users.CountAsync(u => u.CompanyId == id, cancellationToken) is var accounts and > 0)
        {
            uses.Add($"{accounts} 个账号");
        }
        if (await db.Roles.CountAsync(r => r.CompanyId == id, cancellationToken) is var roles and > 0)
        {
            uses.Add($"{roles} 个角色");
        }
        if (await db.Devices.IgnoreQueryFilters().CountAsync(d => d.CompanyId == id, cancellationToken) is var devices and > 0)
        {
            uses.Add($"{devices} 个采集器");
        }
        if (await db.MaintenanceGroups.IgnoreQueryFilters().CountAsync(g => g.CompanyId == id, cancellationToken) is var groups and > 0)
        {
            uses.Add($"{groups} 个保养分组");
        }
        if (uses.Count > 0)
        {
            throw new DomainException("company.in_use", $"“{company.Name}”仍被 {string.Join("、", uses)} 引用，不能删除。", DomainErrorKind.Conflict);
        }
        db.Companies.Remove(company);
        await db.SaveChangesAsync(cancellationToken);
    }

    private void Require(CompanyKind kind)
    {
        if (kind == CompanyKind.Platform || !actor.HasPermission(PermissionFor(kind)))
        {
            throw new DomainException("company.forbidden", "您没有管理该类单位的权限。", DomainErrorKind.Forbidden);
        }
    }

    private static string? Text(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static DomainException NotFound(int id) => new("company.not_found", $"单位 {id} 不存在。", DomainErrorKind.NotFound);

    [GeneratedRegex(@"^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8}(-\d{1,6})?|400-?\d{3}-?\d{4}|96333)$")]
    private static partial Regex PhonePattern();

    [GeneratedRegex("^[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}$")]
    private static partial Regex CreditCodePattern();
}
