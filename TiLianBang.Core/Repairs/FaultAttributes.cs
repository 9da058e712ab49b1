using Microsoft.EntityFrameworkCore;
using TiLianBang.Core.Common;
using TiLianBang.Core.Data;

namespace TiLianBang.Core.Repairs;

/// <summary>故障属性 CRUD with the usual classification seeded.</summary>
public sealed class FaultAttributes(TiLianBangDbContext db)
{
    public const int MaxNameLength = 30;

    private static readonly string[] Defaults = ["门系统", "曳引系统", "导向系统", "轿厢", "电气控制系统", "安全保护装置", "电源", "人为因素", "外部因素", "其他"];

    public async Task<IReadOnlyList<FaultAttributeOption>> AllAsync(CancellationToken cancellationToken) =>
        await db.FaultAttributes.AsNoTracking().OrderBy(a => a.Id).ToListAsync(cancellationToken);

    public async Task<FaultAttributeOption> SaveAsync(int? id, string name, string? description, CancellationToken cancellationToken)
    {
        var trimmed = name.Trim();
        if (trimmed.Length is 0 or > MaxNameLength)
        {
            throw new ValidationException(new Dictionary<string, string> { ["Name"] = $"名称应为 1–{MaxNameLength} 个字符。" });
        }
        if (await db.FaultAttributes.AnyAsync(a => a.Name == trimmed && a.Id != id, cancellationToken))
        {
            throw new DomainException("faultattribute.duplicate", $"故障属性“{trimmed}”已存在。", DomainErrorKind.Conflict);
        }
        var attribute = id is null
            ? null
            : await db.FaultAttributes.SingleOrDefaultAsync(a => a.Id == id, cancellationToken)
                ?? throw new DomainException("faultattribute.not_found", $"故障属性 {id} 不存在。", DomainErrorKind.NotFound);
        if (attribute is null)
        {
            attribute = new FaultAttributeOption { Name = trimmed };
            db.FaultAttributes.Add(attribute);
        }
        attribute.Name = trimmed;
        attribute.Description = string.IsNullOrWhiteSpace(description) ? null : description.Trim();
        await db.SaveChangesAsync(cancellationToken);
        return attribute;
    }

    public async Task DeleteAsync(int id, CancellationToken cancellationToken)
    {
        var attribute = await db.FaultAttributes.SingleOrDefaultAsync(a => a.Id == id, cancellationToken)
            ?? throw new DomainException("faultattribute.not_found", $"故障属性 {id} 不存在。", DomainErrorKind.NotFound);
        db.FaultAttributes.Remove(attribute);
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<bool> ExistsAsync(string name, CancellationToken cancellationToken) =>
        await db.FaultAttributes.AnyAsync(a => a.Name == name, cancellationToken);

    public async Task SeedDefaultsAsync(CancellationToken cancellationToken)
    {
        if (await db.FaultAttributes.AnyAsync(cancellationToken))
        {
            return;
        }
        db.FaultAttributes.AddRange(Defaults.Select(name => new FaultAttributeOption { Name = name }));
        await db.SaveChangesAsync(cancellationToken);
    }
}
