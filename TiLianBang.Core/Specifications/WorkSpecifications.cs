using Microsoft.EntityFrameworkCore;
using TiLianBang.Core.Accounts;
using TiLianBang.Core.Common;
using TiLianBang.Core.Data;

namespace TiLianBang.Core.Specifications;

/// <summary>
/// 工作规范: the documents a company keeps for its people. Everyone reads their own company's (the DbContext's
/// filter; another company's is not found); 系统管理 › 工作规范 adds, changes and deletes them. A new document
/// belongs to the company of the person who adds it.
/// </summary>
public sealed class WorkSpecifications(TiLianBangDbContext db, SpecificationFiles files, CurrentActor actor, TimeProvider clock)
{
    public const int MaxTitleLength = 100;
    public const int MaxBodyLength = 20000;
    public const int MaxFileNameLength = 200;

    /// <summary>
    /// Every specification the person may manage with its company's name (the platform sees every company's), by
    /// company and then in their order; a company keeps a handful.
    /// </summary>
    public async Task<IReadOnlyList<WorkSpecificationRow>> ListAsync(CancellationToken cancellationToken)
    {
        var own = actor.CompanyId ?? 0;
        var rows = await db.WorkSpecifications.AsNoTracking()
            .Join(db.Companies, s => s.CompanyId, c => c.Id, (s, c) => new { Specification = s, Company = c.Name })
            .OrderBy(r => r.Specification.CompanyId == own ? 0 : 1).ThenBy(r => r.Company)
            .ThenBy(r => r.Specification.SortOrder).ThenBy(r => r.Specification.Id)
            .ToListAsync(cancellationToken);
        return rows.ConvertAll(r => new WorkSpecificationRow(r.Specification, r.Company));
    }

    public async Task<Page<WorkSpecification>> PageAsync(string? search, Paging paging, CancellationToken cancellationToken)
    {
        var specifications = db.WorkSpecifications.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(search))
        {
            var term = search.Trim();
            specifications = specifications.Where(s => s.Title.Contains(term));
        }
        var total = await specifications.CountAsync(cancellationToken);
        var items = await specifications.OrderBy(s => s.SortOrder).ThenBy(s => s.Id)
            .Skip(paging.Skip).Take(paging.PageSize).ToListAsync(cancellationToken);
        return new Page<WorkSpecification>(items, total);
    }

    public async Task<WorkSpecification> GetAsync(int id, CancellationToken cancellationToken) =>
        await db.WorkSpecifications.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, cancellationToken) ?? throw NotFound();

    /// <summary>The PDF of a specification the person may read, with the name to offer on download; null without one.</summary>
    public async Task<(Stream Content, string FileName)?> OpenPdfAsync(int id, CancellationToken cancellationToken)
    {
        var specification = await GetAsync(id, cancellationToken);
        if (specification.PdfStoredName is not { } stored)
        {
            return null;
        }
        return (files.Open(stored), specification.PdfFileName ?? $"{specification.Title}.pdf");
    }

    /// <summary>
    /// Adds (<paramref name="id"/> null) or changes a specification. A new PDF replaces the old one, which is removed
    /// from disk once the change is saved. Every field is checked before anything is written.
    /// </summary>
    public async Task<WorkSpecification> SaveAsync(
        int? id, WorkSpecificationInput input, Stream? pdf, string? pdfFileName, CancellationToken cancellationToken)
    {
        EnsureMayManage();
        var existing = id is { } key
            ? await db.WorkSpecifications.SingleOrDefaultAsync(s => s.Id == key, cancellationToken) ?? throw NotFound()
            : null;
        var keepsPdf = pdf is not null || (existing?.PdfStoredName is not null && !input.RemovePdf);
        var errors = Validate(input, keepsPdf);
        if (errors.Count > 0)
        {
            throw new ValidationException(errors);
        }
        (string StoredName, long Length)? saved = pdf is null ? null : await files.SaveAsync(pdf, cancellationToken);
        var specification = existing ?? new WorkSpecification { CompanyId = actor.CompanyId!.Value, Title = "", Body = "" };
        var removed = existing?.PdfStoredName is { } old && (saved is not null || input.RemovePdf) ? old : null;
        specification.Title = input.Title!.Trim();
        specification.Body = input.Body?.Trim() ?? "";
        specification.SortOrder = input.SortOrder;
        if (saved is { } file)
        {
            specification.PdfStoredName = file.StoredName;
            specification.PdfFileName = DownloadName(pdfFileName, specification.Title);
            specification.PdfLength = file.Length;
        }
        else if (removed is not null)
        {
            (specification.PdfStoredName, specification.PdfFileName, specification.PdfLength) = (null, null, 0);
        }
        specification.UpdatedAtUtc = clock.GetUtcNow().UtcDateTime;
        if (existing is null)
        {
            db.WorkSpecifications.Add(specification);
        }
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch
        {
            if (saved is { } orphan)
            {
                files.Delete(orphan.StoredName);
            }
            throw;
        }
        if (removed is not null)
        {
            files.Delete(removed);
        }
        return specification;
    }

    public async Task DeleteAsync(int id, CancellationToken cancellationToken)
    {
        EnsureMayManage();
        var specification = await db.WorkSpecifications.SingleOrDefaultAsync(s => s.Id == id, cancellationToken) ?? throw NotFound();
        db.WorkSpecifications.Remove(specification);
        await db.SaveChangesAsync(cancellationToken);
        if (specification.PdfStoredName is { } stored)
        {
            files.Delete(stored);
        }
    }

    public static Dictionary<string, string> Validate(WorkSpecificationInput input, bool hasPdf)
    {
        var errors = new Dictionary<string, string>();
        var title = input.Title?.Trim() ?? "";
        if (title.Length is 0 or > MaxTitleLength)
        {
            errors["title"] = "标题应为 1–100 个字符。";
        }
        var body = input.Body?.Trim() ?? "";
        if (body.Length > MaxBodyLength)
        {
            errors["body"] = "正文最多 20000 字。";
        }
        else if (body.Length == 0 && !hasPdf)
        {
            errors["body"] = "请填写正文或上传 PDF 文件。";
        }
        if (input.SortOrder is < 0 or > 9999)
        {
            errors["sortOrder"] = "排序应在 0 到 9999 之间。";
        }
        return errors;
    }

    /// <summary>
    /// The name offered on download: the uploader's own name without any folder or control characters, ending in
    /// .pdf; the title when the upload came without a usable name. Kept in the database only, never on disk.
    /// </summary>
    public static string DownloadName(string? given, string title)
    {
        var name = new string(Path.GetFileName((given ?? "").Replace('\\', '/')).Where(c => !char.IsControl(c) && c is not ('"' or '/')).ToArray()).Trim();
        if (name.Length == 0 || name == ".pdf")
        {
            name = title;
        }
        if (!name.EndsWith(".pdf", StringComparison.OrdinalIgnoreCase))
        {
            name += ".pdf";
        }
        return name.Length <= MaxFileNameLength ? name : name[..(MaxFileNameLength - 4)] + ".pdf";
    }

    private void EnsureMayManage()
    {
        if (actor.CompanyId is null || !actor.HasPermission(Permissions.SystemSpecifications))
        {
            throw new DomainException("specification.forbidden", "您没有工作规范的管理权限。", DomainErrorKind.Forbidden);
        }
    }

    private static DomainException NotFound() => new("specification.not_found", "工作规范不存在或无权查看。", DomainErrorKind.NotFound);
}
