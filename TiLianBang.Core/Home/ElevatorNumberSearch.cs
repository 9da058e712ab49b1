using Microsoft.EntityFrameworkCore;
using TiLianBang.Core.Common;
using TiLianBang.Core.Data;

namespace TiLianBang.Core.Home;

/// <summary>
/// The home page's 电梯搜索: elevators whose number contains what was typed, those starting with it first. The
/// company scope of the context applies, so nobody finds an elevator they may not see.
/// </summary>
public sealed class ElevatorNumberSearch(TiLianBangDbContext db)
{
    public const int MinimumLength = 2;
    public const int MaximumLength = 32;

    public async Task<Page<ElevatorNumberHit>> FindAsync(string? number, Paging paging, CancellationToken cancellationToken)
    {
        var term = number?.Trim() ?? "";
        if (term.Length is < MinimumLength or > MaximumLength)
        {
            throw new ValidationException(new Dictionary<string, string> { ["number"] = "请输入 2–32 个字符的电梯编号。" });
        }
        // Numbers are typed on a phone keyboard: "cq0006" finds CQ0006 (LIKE ignores ASCII case on both providers);
        // what the person typed is matched literally, wildcards included.
        var literal = term.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);
        var matches = db.Elevators.AsNoTracking().Where(e => EF.Functions.Like(e.Number, "%" + literal + "%", "\\"));
        var total = await matches.CountAsync(cancellationToken);
        var items = await matches
            .OrderBy(e => EF.Functions.Like(e.Number, literal + "%", "\\") ? 0 : 1).ThenBy(e => e.Number)
            .Skip(paging.Skip).Take(paging.PageSize)
            .Select(e => new ElevatorNumberHit(e.Id, e.Number, e.Name, e.RegisterCode, e.Community!.Name, e.Community.Address))
            .ToListAsync(cancellationToken);
        return new Page<ElevatorNumberHit>(items, total);
    }
}

/// <summary>One elevator found by number.</summary>
public sealed record ElevatorNumberHit(int Id, string Number, string Name, string? RegisterCode, string Community, string? Address);
