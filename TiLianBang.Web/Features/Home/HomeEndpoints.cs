using Microsoft.AspNetCore.Http.HttpResults;
using TiLianBang.Core.Common;
using TiLianBang.Core.Home;
using TiLianBang.Web.Hosting;

namespace TiLianBang.Web.Features.Home;

/// <summary>首页 (API-2, §6.2.3): the mini-program's home page — banners, what waits for the person, elevator search.</summary>
public static class HomeEndpoints
{
    public static WebApplication MapHomeEndpoints(this WebApplication app)
    {
        var home = app.MapGroup("/api/v1/home").WithTags("Home").RequireAuthorization();
        home.MapGet("", GetAsync)
            .Describe("首页：今日轮播图与我的待办数量", "Home: today's banners and my to-do counts");
        home.MapGet("/banners/{id:int}/image", BannerImageAsync)
            .Describe("轮播图图片（仅限今日展示的轮播图；系统配置人员可看全部）", "Banner picture (only of a banner shown today; any for configuration staff)");
        home.MapGet("/elevators", SearchElevatorsAsync)
            .Describe("按电梯编号搜索电梯（至少 2 个字符）", "Search elevators by number (at least 2 characters)");
        return app;
    }

    /// <summary>Where the mini-program loads a banner's picture; the stored name tells a new picture from a cached one.</summary>
    public static string ImageUrl(Banner banner) =>
        $"/api/v1/home/banners/{banner.Id}/image?v={Uri.EscapeDataString(Path.GetFileNameWithoutExtension(banner.ImageStoredName))}";

    private static async Task<Ok<HomeResponse>> GetAsync(Banners banners, HomeToDo toDo, CancellationToken cancellationToken)
    {
        var active = await banners.ActiveAsync(cancellationToken);
        var counts = await toDo.CountAsync(cancellationToken);
        return TypedResults.Ok(new HomeResponse(
            [.. active.Select(b => new HomeBanner(b.Id, b.Title, ImageUrl(b), b.Link))],
            new HomeToDoResponse(counts.Repairs, counts.MaintenanceDueToday, counts.MaintenanceOverdue, counts.UnreadMessages)));
    }

    private static async Task<Results<FileStreamHttpResult, NotFound>> BannerImageAsync(
        Banners banners, int id, HttpContext context, CancellationToken cancellationToken)
    {
        if (await banners.VisibleByIdAsync(id, cancellationToken) is not { } banner)
        {
            return TypedResults.NotFound();
        }
        Stream content;
        try
        {
            content = banners.OpenImage(banner);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return TypedResults.NotFound();
        }
        // Short: a banner taken down must leave the phones soon; the versioned URL changes with a new picture.
        context.Response.Headers.CacheControl = "private, max-age=3600";
        return TypedResults.File(content, Core.Photos.PhotoStore.ContentTypeOf(banner.ImageStoredName));
    }

    private static async Task<Ok<PagedList<ElevatorNumberHit>>> SearchElevatorsAsync(
        ElevatorNumberSearch search, string? number, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        var paging = Paging.From(page, pageSize);
        var found = await search.FindAsync(number, paging, cancellationToken);
        return TypedResults.Ok(new PagedList<ElevatorNumberHit>(found.Items, found.Total, paging));
    }
}

/// <summary>The home page: banners shown today in their order, and the person's to-do counts.</summary>
public sealed record HomeResponse(IReadOnlyList<HomeBanner> Banners, HomeToDoResponse ToDo);

/// <summary>One banner: its picture's address and, if any, the mini-program page or https address it opens.</summary>
public sealed record HomeBanner(int Id, string Title, string ImageUrl, string? Link);

/// <summary>
/// 待办: repairs waiting for me (assigned to me in work, or waiting to be accepted where I may accept), my
/// maintenance visits due today and overdue, my unread messages.
/// </summary>
public sealed record HomeToDoResponse(int Repairs, int MaintenanceDueToday, int MaintenanceOverdue, int UnreadMessages);
