using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using TiLianBang.Core.Common;
using TiLianBang.Core.Data;
using TiLianBang.Core.Devices;

namespace TiLianBang.Core.Parameters;

/// <summary>
/// 8K 参数规格设置 (SYS-4): categories with 上级分类 and parameter definitions used to decode 读取参数 answers.
/// Seeded with the set the collectors (and the simulator) answer to; administrators edit it.
/// </summary>
public sealed partial class ParameterSpecification(TiLianBangDbContext db)
{
    public const int MaxNameLength = 40;

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9-]{1,15}$")]
    private static partial Regex CodePattern();

    public async Task<IReadOnlyList<ParameterCategory>> CategoriesAsync(CancellationToken cancellationToken) =>
        await db.ParameterCategories.AsNoTracking().OrderBy(c => c.SortOrder).ThenBy(c => c.Name).ToListAsync(cancellationToken);

    public async Task<IReadOnlyList<ParameterSpec>> ParametersAsync(int? categoryId, CancellationToken cancellationToken) =>
        await db.ParameterSpecs.AsNoTracking()
            .Where(p => categoryId == null || p.CategoryId == categoryId)
            .OrderBy(p => p.Code)
            .ToListAsync(cancellationToken);

    public async Task<ParameterCategory> SaveCategoryAsync(int? id, string name, int? parentId, CancellationToken cancellationToken)
    {
        var trimmed = name.Trim();
        if (trimmed.Length is 0 or > MaxNameLength)
        {
            throw Invalid("Name", $"分类名称应为 1–{MaxNameLength} 个字符。");
        }
        var categories = await db.ParameterCategories.ToListAsync(cancellationToken);
        if (parentId is { } parent && categories.All(c => c.Id != parent))
        {
            throw Invalid("ParentId", "上级分类不存在。");
        }
        var category = id is null ? null : categories.SingleOrDefault(c => c.Id == id) ?? throw NotFound("category", id.Value);
        if (category is not null && IsSelfOrDescendant(categories, category.Id, parentId))
        {
            throw Invalid("ParentId", "上级分类不能是它自己或它的下级分类。");
        }
        if (category is null)
        {
            category = new ParameterCategory { Name = trimmed, ParentId = parentId, SortOrder = categories.Count };
            db.ParameterCategories.Add(category);
        }
        else
        {
            category.Name = trimmed;
            category.ParentId = parentId;
        }
        await db.SaveChangesAsync(cancellationToken);
        return category;
    }

    public async Task DeleteCategoryAsync(int id, CancellationToken cancellationToken)
    {
        var category = await db.ParameterCategories.SingleOrDefaultAsync(c => c.Id == id, cancellationToken) ?? throw NotFound("category", id);
        if (await db.ParameterCategories.AnyAsync(c => c.ParentId == id, cancellationToken)
            || await db.ParameterSpecs.AnyAsync(p => p.CategoryId == id, cancellationToken))
        {
            throw new DomainException("parameters.category_in_use", "该分类下还有子分类或参数，不能删除。", DomainErrorKind.Conflict);
        }
        db.ParameterCategories.Remove(category);
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<ParameterSpec> SaveParameterAsync(int? id, ParameterInput input, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string>();
        var code = input.Code.Trim().ToUpperInvariant();
        if (!CodePattern().IsMatch(code))
        {
            errors["Code"] = "参数代码应为 2–16 位字母、数字或连字符，如 F0-03。";
        }
        if (input.Name.Trim().Length is 0 or > MaxNameLength)
        {
            errors["Name"] = $"参数名称应为 1–{MaxNameLength} 个字符。";
        }
        if (input.Minimum is { } min && input.Maximum is { } max && min > max)
        {
            errors["Maximum"] = "最大值不能小于最小值。";
        }
        if (!await db.ParameterCategories.AnyAsync(c => c.Id == input.CategoryId, cancellationToken))
        {
            errors["CategoryId"] = "请选择分类。";
        }
        if (errors.Count > 0)
        {
            throw new ValidationException(errors);
        }
        if (await db.ParameterSpecs.AnyAsync(p => p.Code == code && p.Id != id, cancellationToken))
        {
            throw new DomainException("parameters.duplicate_code", $"参数代码 {code} 已存在。", DomainErrorKind.Conflict);
        }
        var spec = id is null ? null : await db.ParameterSpecs.SingleOrDefaultAsync(p => p.Id == id, cancellationToken) ?? throw NotFound("parameter", id.Value);
        if (spec is null)
        {
            spec = new ParameterSpec { Code = code, Name = input.Name.Trim() };
            db.ParameterSpecs.Add(spec);
        }
        spec.Code = code;
        spec.Name = input.Name.Trim();
        spec.Unit = string.IsNullOrWhiteSpace(input.Unit) ? null : input.Unit.Trim();
        spec.Minimum = input.Minimum;
        spec.Maximum = input.Maximum;
        spec.Description = string.IsNullOrWhiteSpace(input.Description) ? null : input.Description.Trim();
        spec.CategoryId = input.CategoryId;
        await db.SaveChangesAsync(cancellationToken);
        return spec;
    }

    public async Task DeleteParameterAsync(int id, CancellationToken cancellationToken)
    {
        var spec = await db.ParameterSpecs.SingleOrDefaultAsync(p => p.Id == id, cancellationToken) ?? throw NotFound("parameter", id);
        db.ParameterSpecs.Remove(spec);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Seeds the default specification into an empty installation; never touches edited data.</summary>
    public async Task SeedDefaultsAsync(CancellationToken cancellationToken)
    {
        if (await db.ParameterCategories.AnyAsync(cancellationToken))
        {
            return;
        }
        var root = new ParameterCategory { Name = "8K 控制器参数", SortOrder = 0 };
        db.ParameterCategories.Add(root);
        var order = 1;
        foreach (var group in DefaultParameters.All.GroupBy(p => p.Category))
        {
            var category = new ParameterCategory { Name = group.Key, Parent = root, SortOrder = order++ };
            db.ParameterCategories.Add(category);
            db.ParameterSpecs.AddRange(group.Select(p => new ParameterSpec { Code = p.Code, Name = p.Name, Unit = p.Unit, Category = category }));
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    private static bool IsSelfOrDescendant(List<ParameterCategory> all, int categoryId, int? candidateParent)
    {
        for (var current = candidateParent; current is not null; current = all.SingleOrDefault(c => c.Id == current)?.ParentId)
        {
            if (current == categoryId)
            {
                return true;
            }
        }
        return false;
    }

    private static ValidationException Invalid(string field, string message) => new(new Dictionary<string, string> { [field] = message });

    private static DomainException NotFound(string what, int id) =>
        new($"parameters.{what}_not_found", $"记录 {id} 不存在。", DomainErrorKind.NotFound);
}
