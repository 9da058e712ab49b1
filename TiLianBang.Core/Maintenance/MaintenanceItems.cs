using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TiLianBang.Core.Data;

namespace TiLianBang.Core.Maintenance;

/// <summary>
/// 保养项目分类 (MNT-2): the TSG T5002-2017 items per elevator kind and period, seeded from the regulation's
/// tables, plus a company's own. A visit of a period includes the items of every earlier period.
/// </summary>
public sealed class MaintenanceItems(TiLianBangDbContext db)
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
        var items = db.MaintenanceItems.AsNoTracking();
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
