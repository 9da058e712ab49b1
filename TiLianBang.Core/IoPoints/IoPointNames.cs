using Microsoft.EntityFrameworkCore;
using TiLianBang.Core.Common;
using TiLianBang.Core.Data;

namespace TiLianBang.Core.IoPoints;

/// <summary>Reading and renaming IO points; a point without a stored name is shown by its code (X0, Y3 …).</summary>
public sealed class IoPointNames(TiLianBangDbContext db)
{
    public const int MaxNameLength = 32;
    public const int MaxIndex = 255;

    /// <summary>The points of a typical controller board, named as 8K-style controllers label them.</summary>
    public static readonly IReadOnlyList<(IoPointKind Kind, int Index, string Name)> Defaults =
    [
        (IoPointKind.Input, 0, "运行信号"), (IoPointKind.Input, 1, "开门到位"), (IoPointKind.Input, 2, "关门到位"),
        (IoPointKind.Input, 3, "故障信号"), (IoPointKind.Input, 4, "上行信号"), (IoPointKind.Input, 5, "下行信号"),
        (IoPointKind.Input, 6, "安全回路"), (IoPointKind.Input, 7, "门锁回路"),
        (IoPointKind.Output, 0, "上行输出"), (IoPointKind.Output, 1, "下行输出"), (IoPointKind.Output, 2, "开门输出"),
        (IoPointKind.Output, 3, "关门输出"),
    ];

    public async Task<IReadOnlyList<IoPointName>> AllAsync(CancellationToken cancellationToken) =>
        await db.IoPointNames.AsNoTracking().OrderBy(p => p.Kind).ThenBy(p => p.Index).ToListAsync(cancellationToken);

    public async Task<IReadOnlyDictionary<(IoPointKind, int), string>> LookupAsync(CancellationToken cancellationToken) =>
        (await AllAsync(cancellationToken)).ToDictionary(p => (p.Kind, p.Index), p => p.Name);

    /// <summary>Names (or renames) one point; adding a point is naming an index that has no name yet.</summary>
    public async Task RenameAsync(IoPointKind kind, int index, string name, CancellationToken cancellationToken)
    {
        var trimmed = name.Trim();
        if (index is < 0 or > MaxIndex)
        {
            throw new ValidationException(new Dictionary<string, string> { ["Index"] = $"序号应在 0 到 {MaxIndex} 之间。" });
        }
        if (trimmed.Length is 0 or > MaxNameLength)
        {
            throw new ValidationException(new Dictionary<string, string> { ["Name"] = $"名称应为 1–{MaxNameLength} 个字符。" });
        }
        var point = await db.IoPointNames.SingleOrDefaultAsync(p => p.Kind == kind && p.Index == index, cancellationToken);
        if (point is null)
        {
            db.IoPointNames.Add(new IoPointName { Kind = kind, Index = index, Name = trimmed });
        }
        else if (point.Name != trimmed)
        {
            point.Name = trimmed;
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Seeds the default names into an empty table (first start); never overwrites what people named.</summary>
    public async Task SeedDefaultsAsync(CancellationToken cancellationToken)
    {
        if (await db.IoPointNames.AnyAsync(cancellationToken))
        {
            return;
        }
        db.IoPointNames.AddRange(Defaults.Select(d => new IoPointName { Kind = d.Kind, Index = d.Index, Name = d.Name }));
        await db.SaveChangesAsync(cancellationToken);
    }
}
