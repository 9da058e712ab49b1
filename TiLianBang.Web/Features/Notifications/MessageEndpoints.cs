using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using TiLianBang.Core.Common;
using TiLianBang.Core.Localization;
using TiLianBang.Core.Notifications;
using TiLianBang.Web.Hosting;

namespace TiLianBang.Web.Features.Notifications;

/// <summary>我的消息 (API-10, §6.2.13): the person's own in-app messages; someone else's message is not found.</summary>
public static class MessageEndpoints
{
    public static WebApplication MapMessageEndpoints(this WebApplication app)
    {
        var messages = app.MapGroup("/api/v1/me/messages").WithTags("Messages").RequireAuthorization().DisableAntiforgery();
        messages.MapGet("", ListAsync)
            .Describe("我的消息（最新在前，可只看未读）", "My messages, newest first, optionally only unread");
        messages.MapGet("/unread-count", UnreadCountAsync)
            .Describe("我的未读消息数", "How many of my messages are unread");
        messages.MapPost("/{id:long}/read", MarkReadAsync)
            .Describe("将一条消息标为已读", "Mark one message read");
        messages.MapPost("/read-all", MarkAllReadAsync)
            .Describe("将全部消息标为已读", "Mark all my messages read");
        return app;
    }

    private static async Task<Ok<PagedList<MessageResponse>>> ListAsync(
        MyMessages messages, bool? unread, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        var paging = Paging.From(page, pageSize);
        var found = await messages.PageAsync(unread is true, paging, cancellationToken);
        return TypedResults.Ok(new PagedList<MessageResponse>([.. found.Items.Select(MessageResponse.From)], found.Total, paging));
    }

    private static async Task<Ok<UnreadCountResponse>> UnreadCountAsync(MyMessages messages, CancellationToken cancellationToken) =>
        TypedResults.Ok(new UnreadCountResponse(await messages.UnreadCountAsync(cancellationToken)));

    private static async Task<Ok<MessageResponse>> MarkReadAsync(MyMessages messages, long id, CancellationToken cancellationToken) =>
        TypedResults.Ok(MessageResponse.From(await messages.MarkReadAsync(id, cancellationToken)));

    private static async Task<Ok<UnreadCountResponse>> MarkAllReadAsync(MyMessages messages, CancellationToken cancellationToken)
    {
        await messages.MarkAllReadAsync(cancellationToken);
        return TypedResults.Ok(new UnreadCountResponse(await messages.UnreadCountAsync(cancellationToken)));
    }
}

/// <summary>One message: what it says in the reader's language, where it leads (a page of the app), and whether it was read.</summary>
public sealed record MessageResponse(long Id, string Title, string Body, string? Link, DateTimeOffset CreatedAt, bool Read, DateTimeOffset? ReadAt)
{
    internal static MessageResponse From(Notification n) => new(
        n.Id, CoreTexts.Show(n.Title, CultureInfo.CurrentUICulture), CoreTexts.Show(n.Body, CultureInfo.CurrentUICulture), n.Link, Utc(n.CreatedAtUtc), n.ReadAtUtc is not null,
        n.ReadAtUtc is { } read ? Utc(read) : null);

    private static DateTimeOffset Utc(DateTime utc) => new(DateTime.SpecifyKind(utc, DateTimeKind.Utc));
}

public sealed record UnreadCountResponse(int Unread);
