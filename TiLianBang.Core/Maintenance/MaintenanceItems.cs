using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TiLianBang.Core.Accounts;
using TiLianBang.Core.Common;
using TiLianBang.Core.Data;

namespace TiLianBang.Core.Maintenance;

/// <summary>
/// 保养项目分类 (MNT-2): the TSG T5002-2017 items per elevator kind and period, seeded from the regulation's
/// tables, plus a company's own. A visit of a period includes the items of every earlier period.
/// </summary>
public sealed class MaintenanceItems(TiLianBangDbContext db, CurrentActor actor)
{
    private static readonly Dictionary<string, MaintenanceKind> Kinds = new()
    {
        ["traction"] = MaintenanceKind.Traction,
        ["hydraulic"] = MaintenanceKind.Hydraulic,
        ["dumbwaiter"] = MaintenanceKind.Dumbwaiter,
        ["escalator"] = MaintenanceKind.Escalator,
    };

    private static readonly Dictionary<string, MaintenancePeriod> Periods = new()
    {
        ["half_monthly"] = MaintenancePeriod.HalfMonthly,
        ["quarterly"] = MaintenancePeriod.Quarterly,
        ["half_yearly"] = MaintenancePeriod.HalfYearly,
        ["yearly"] = MaintenancePeriod.Yearly,
    };

    /// <summary>The items of a visit: its own period's and every earlier period's, the regulation's and the company's.</summary>
    public async Task<IReadOnlyList<MaintenanceItem>> ForVisitAsync(MaintenanceKind kind, MaintenancePeriod period, int? companyId, CancellationToken cancellationToken) =>
        await db.MaintenanceItems.AsNoTracking()
            .Where(i => i.Kind == kind && i.Period <= period && (i.CompanyId == null || i.CompanyId == companyId))
            .OrderBy(i => i.Period).ThenBy(i => i.CompanyId != null).ThenBy(i => i.Number)
            .ToListAsync(cancellationToken);

    public async Task<IReadOnlyList<MaintenanceItem>> SearchAsync(MaintenanceKind? kind, MaintenancePeriod? period, string? term, CancellationToken cancellationToken)
    {
        var company = actor.CompanyId;
        var items = db.MaintenanceItems.AsNoTracking().Where(i => i.CompanyId == null || i.CompanyId == company || actor.Scope.SeesAll);
        if (kind is { } k)
        {
            items = items.Where(i => i.Kind == k);
        }
        if (period is { } p)
        {
            items = items.Where(i => i.Period == p);
        }
        if (!string.IsNullOrWhiteSpace(term))
        {
            var t = term.Trim();
            items = items.Where(i => i.Name.Contains(t) || i.Requirement.Contains(t));
        }
        return await items.OrderBy(i => i.Kind).ThenBy(i => i.Period).ThenBy(i => i.Number).ToListAsync(cancellationToken);
    }

    /// <summary>A company adds an item of its own to a kind and period (the regulation's items stay as they are).</summary>
    public async Task<MaintenanceItem> AddCompanyItemAsync(MaintenanceKind kind, MaintenancePeriod period, string name, string requirement, CancellationToken cancellationToken)
    {
        var company = actor.CompanyId ?? throw new DomainException("maintenance.no_company", "只有单位账号可以添加保养项目。", DomainErrorKind.Forbidden);
        var errors = new Dictionary<string, string>();
        if (name.Trim().Length is 0 or > 100)
        {
            errors["Name"] = "项目名称应为 1–100 个字符。";
        }
        if (requirement.Trim().Length is 0 or > 500)
        {
            errors["Requirement"] = "基本要求应为 1–500 个字符。";
        }
        if (errors.Count > 0)
        {
            throw new ValidationException(errors);
        }
        var last = await db.MaintenanceItems.Where(i => i.Kind == kind && i.Period == period).MaxAsync(i => (int?)i.Number, cancellationToken) ?? 0;
        var item = new MaintenanceItem { Kind = kind, Period = period, Number = last + 1, Name = name.Trim(), Requirement = requirement.Trim(), CompanyId = company };
        db.MaintenanceItems.Add(item);
        await db.SaveChangesAsync(cancellationToken);
        return item;
    }

    /// <summary>Only a company's own items can be deleted, and only by that company.</summary>
    public async Task DeleteCompanyItemAsync(int id, CancellationToken cancellationToken)
    {
        var item = await db.MaintenanceItems.SingleOrDefaultAsync(i => i.Id == id, cancellationToken)
            ?? throw new DomainException("maintenance.item_not_found", $"保养项目 {id} 不存在。", DomainErrorKind.NotFound);
        if (item.CompanyId is null || item.CompanyId != actor.CompanyId)
        {
            throw new DomainException("maintenance.item_protected", "规程规定的项目和其他单位的项目不能删除。", DomainErrorKind.Forbidden);
        }
        db.MaintenanceItems.Remove(item);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Seeds the regulation's items into an empty table; never touches edited data.</summary>
    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        if (await db.MaintenanceItems.AnyAsync(cancellationToken))
        {
            return;
        }
        await using var stream = typeof(MaintenanceItems).Assembly.GetManifestResourceStream("TiLianBang.Maintenance.tsg-t5002-2017.json")
            ?? throw new InvalidOperationException("The TSG T5002 reference data is missing from the assembly.");
        using var document = await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken);
        foreach (var kind in document.RootElement.GetProperty("kinds").EnumerateObject())
        {
            foreach (var period in kind.Value.EnumerateObject().Where(p => Periods.ContainsKey(p.Name)))
            {
                foreach (var row in period.Value.EnumerateArray())
                {
                    db.MaintenanceItems.Add(new MaintenanceItem
                    {
                        Kind = Kinds[kind.Name],
                        Period = Periods[period.Name],
                        Number = row.GetProperty("no").GetInt32(),
                        Name = row.GetProperty("item").GetString()!,
                        Requirement = row.GetProperty("requirement").GetString()!,
                    });
                }
            }
        }
        await db.SaveChangesAsync(cancellationToken);
    }
}
