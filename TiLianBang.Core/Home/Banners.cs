using Microsoft.EntityFrameworkCore;
using TiLianBang.Core.Accounts;
using TiLianBang.Core.Common;
using TiLianBang.Core.Data;
using TiLianBang.Core.Photos;

namespace TiLianBang.Core.Home;

/// <summary>
/// 首页轮播: the platform's pictures on the mini-program's home page. Everybody signed in sees the ones active
/// today (server's local date); only 系统配置 adds, changes or removes them. Pictures live in the photo folder.
/// </summary>
public sealed class Banners(TiLianBangDbContext db, PhotoStore photos, CurrentActor actor, TimeProvider clock)
{
    public const int MaxTitleLength = 60;
    public const int MaxLinkLength = 500;
    public const int MaxSortOrder = 9999;
    private const string PhotoPrefix = "banner";

    public async Task<IReadOnlyList<Banner>> ListAsync(CancellationToken cancellationToken) =>
        await db.Banners.AsNoTracking().OrderBy(b => b.SortOrder).ThenBy(b => b.Id).ToListAsync(cancellationToken);

    /// <summary>The banners to show today, in their order.</summary>
    public async Task<IReadOnlyList<Banner>> ActiveAsync(CancellationToken cancellationToken)
    {
        var today = clock.Today();
        return await Active(today).OrderBy(b => b.SortOrder).ThenBy(b => b.Id).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// A banner whose picture the person may load, or null: today's banners for everybody, any banner for those who
    /// manage them (系统配置 shows retired and future ones too). A retired banner's picture is not handed out.
    /// </summary>
    public Task<Banner?> VisibleByIdAsync(int id, CancellationToken cancellationToken) =>
        (actor.HasPermission(Permissions.SystemConfiguration) ? db.Banners.AsNoTracking() : Active(clock.Today()))
            .SingleOrDefaultAsync(b => b.Id == id, cancellationToken);

    public Stream OpenImage(Banner banner) => photos.Open(banner.ImageStoredName);

    /// <summary>
    /// Adds a banner (<paramref name="id"/> null; a picture is required) or changes one (a new picture replaces the
    /// old, which is then removed). Every field is checked before anything is written.
    /// </summary>
    public async Task<Banner> SaveAsync(int? id, BannerInput input, Stream? image, CancellationToken cancellationToken)
    {
        EnsureMayManage();
        var existing = id is { } key
            ? await db.Banners.SingleOrDefaultAsync(b => b.Id == key, cancellationToken) ?? throw NotFound()
            : null;
        var errors = Validate(input);
        if (existing is null && image is null)
        {
            errors["image"] = "请上传轮播图片。";
        }
        if (errors.Count > 0)
        {
            throw new ValidationException(errors);
        }
        string? stored = null;
        if (image is not null)
        {
            stored = await SavePictureAsync(image, cancellationToken);
        }
        var banner = existing ?? new Banner { Title = "", ImageStoredName = stored! };
        var replaced = existing is not null && stored is not null ? existing.ImageStoredName : null;
        banner.Title = input.Title!.Trim();
        banner.Link = string.IsNullOrWhiteSpace(input.Link) ? null : input.Link.Trim();
        banner.SortOrder = input.SortOrder;
        banner.ActiveFrom = input.ActiveFrom;
        banner.ActiveUntil = input.ActiveUntil;
        banner.ImageStoredName = stored ?? banner.ImageStoredName;
        banner.UpdatedAtUtc = clock.GetUtcNow().UtcDateTime;
        if (existing is null)
        {
            db.Banners.Add(banner);
        }
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch
        {
            if (stored is not null)
            {
                photos.Delete(stored);
            }
            throw;
        }
        if (replaced is not null)
        {
            photos.Delete(replaced);
        }
        return banner;
    }

    public async Task DeleteAsync(int id, CancellationToken cancellationToken)
    {
        EnsureMayManage();
        var banner = await db.Banners.SingleOrDefaultAsync(b => b.Id == id, cancellationToken) ?? throw NotFound();
        db.Banners.Remove(banner);
        await db.SaveChangesAsync(cancellationToken);
        photos.Delete(banner.ImageStoredName);
    }

    /// <summary>The field checks, keyed by the form's (and JSON's) field names.</summary>
    public static Dictionary<string, string> Validate(BannerInput input)
    {
        var errors = new Dictionary<string, string>();
        var title = input.Title?.Trim() ?? "";
        if (title.Length is 0 or > MaxTitleLength)
        {
            errors["title"] = "标题应为 1–60 个字符。";
        }
        if (!string.IsNullOrWhiteSpace(input.Link) && !IsAcceptableLink(input.Link.Trim()))
        {
            errors["link"] = "链接应为以 / 开头的小程序页面路径或 https:// 地址。";
        }
        if (input.SortOrder is < 0 or > MaxSortOrder)
        {
            errors["sortOrder"] = "排序应在 0 到 9999 之间。";
        }
        if (input.ActiveFrom is { } from && input.ActiveUntil is { } until && from > until)
        {
            errors["activeUntil"] = "结束日期不能早于开始日期。";
        }
        return errors;
    }

    /// <summary>
    /// A page of the mini-program ("/pages/…", no scheme, not "//host" which a web view reads as another site) or
    /// an absolute https address; nothing with spaces or control characters, which no valid link holds.
    /// </summary>
    public static bool IsAcceptableLink(string link)
    {
        if (link.Length > MaxLinkLength || link.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            return false;
        }
        if (link.StartsWith('/'))
        {
            return !link.StartsWith("//", StringComparison.Ordinal) && !link.Contains('\\');
        }
        return Uri.TryCreate(link, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps && !string.IsNullOrEmpty(uri.Host);
    }

    private async Task<string> SavePictureAsync(Stream image, CancellationToken cancellationToken)
    {
        try
        {
            return (await photos.SaveAsync(PhotoPrefix, image, cancellationToken)).StoredName;
        }
        catch (ValidationException e)
        {
            // The photo store names its field "Photo"; the form's field is the banner's picture.
            throw new ValidationException(new Dictionary<string, string> { ["image"] = e.ChineseErrors.Values.First() });
        }
    }

    private IQueryable<Banner> Active(DateOnly today) =>
        db.Banners.AsNoTracking().Where(b => (b.ActiveFrom == null || b.ActiveFrom <= today) && (b.ActiveUntil == null || b.ActiveUntil >= today));

    private void EnsureMayManage()
    {
        if (!actor.HasPermission(Permissions.SystemConfiguration))
        {
            throw new DomainException("banner.forbidden", "您没有系统配置的权限。", DomainErrorKind.Forbidden);
        }
    }

    private static DomainException NotFound() => new("banner.not_found", "轮播图不存在或已删除。", DomainErrorKind.NotFound);
}
