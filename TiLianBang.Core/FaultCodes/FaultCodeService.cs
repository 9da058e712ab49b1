using Microsoft.EntityFrameworkCore;
using TiLianBang.Core.Common;
using TiLianBang.Core.Data;

namespace TiLianBang.Core.FaultCodes;

/// <summary>
/// 故障代码管理 (SYS-2): search, edit and add codes. The protocol's codes (1–99) can be renamed and re-graded but
/// neither added nor deleted; administrators add and delete their own codes 100–999.
/// </summary>
public sealed class FaultCodeService(TiLianBangDbContext db, FaultCodeCatalog catalog)
{
    public const int MaxNameLength = 40;

    public async Task<IReadOnlyList<FaultCode>> SearchAsync(string? term, CancellationToken cancellationToken)
    {
        var codes = db.FaultCodes.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(term))
        {
            var t = term.Trim();
            codes = int.TryParse(t, out var number) ? codes.Where(c => c.Code == number || c.Name.Contains(t)) : codes.Where(c => c.Name.Contains(t));
        }
        return await codes.OrderBy(c => c.Code).ToListAsync(cancellationToken);
    }

    public async Task SaveAsync(FaultCode input, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string>();
        if (input.Code is < 1 or > 999)
        {
            errors[nameof(input.Code)] = "故障代码应在 1 到 999 之间。";
        }
        var name = input.Name.Trim();
        if (name.Length is 0 or > MaxNameLength)
        {
            errors[nameof(input.Name)] = $"名称应为 1–{MaxNameLength} 个字符。";
        }
        if (input.Advice?.Length > 500)
        {
            errors[nameof(input.Advice)] = "处理建议最多 500 字。";
        }
        if (errors.Count > 0)
        {
            throw new ValidationException(errors);
        }
        var existing = await db.FaultCodes.SingleOrDefaultAsync(c => c.Code == input.Code, cancellationToken);
        if (existing is null)
        {
            if (input.Code < 100)
            {
                throw new ValidationException(new Dictionary<string, string> { [nameof(input.Code)] = "1–99 为协议保留代码，新增代码请使用 100–999。" });
            }
            existing = new FaultCode { Code = input.Code, Name = name };
            db.FaultCodes.Add(existing);
        }
        existing.Name = name;
        existing.Kind = input.Kind;
        existing.Severity = input.Severity;
        existing.CreatesOrder = input.CreatesOrder;
        existing.PassengersTrapped = input.PassengersTrapped;
        existing.Advice = string.IsNullOrWhiteSpace(input.Advice) ? null : input.Advice.Trim();
        await db.SaveChangesAsync(cancellationToken);
        await catalog.LoadAsync(cancellationToken);
    }

    public async Task DeleteAsync(int code, CancellationToken cancellationToken)
    {
        if (code < 100)
        {
            throw new DomainException("faultcode.protocol", "协议保留代码（1–99）不能删除，可以修改名称和等级。", DomainErrorKind.Conflict);
        }
        var existing = await db.FaultCodes.SingleOrDefaultAsync(c => c.Code == code, cancellationToken)
            ?? throw new DomainException("faultcode.not_found", $"故障代码 {code} 不存在。", DomainErrorKind.NotFound);
        db.FaultCodes.Remove(existing);
        await db.SaveChangesAsync(cancellationToken);
        await catalog.LoadAsync(cancellationToken);
    }

    public async Task SeedDefaultsAsync(CancellationToken cancellationToken)
    {
        if (!await db.FaultCodes.AnyAsync(cancellationToken))
        {
            db.FaultCodes.AddRange(FaultCodeDefaults.All.Select(d => new FaultCode
            {
                Code = d.Code, Name = d.Name, Kind = d.Kind, Severity = d.Severity, CreatesOrder = d.CreatesOrder,
                PassengersTrapped = d.PassengersTrapped, Advice = d.Advice,
            }));
            await db.SaveChangesAsync(cancellationToken);
        }
        await catalog.LoadAsync(cancellationToken);
    }
}
