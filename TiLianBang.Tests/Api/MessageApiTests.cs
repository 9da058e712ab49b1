using TiLianBang.Core.Common;
using System.Net;
using Microsoft.EntityFrameworkCore;
using TiLianBang.Core.Demo;
using TiLianBang.Core.Notifications;
using TiLianBang.Tests.Infrastructure;
using TiLianBang.Web.Features.Notifications;
using static TiLianBang.Tests.Api.HomeApiChecks;

namespace TiLianBang.Tests.Api;

/// <summary>API-10 我的消息: one's own in-app messages, newest first, read one by one or all at once; nobody else's.</summary>
public sealed class MessageApiTests(TiLianBangAppFactory app) : IClassFixture<TiLianBangAppFactory>
{
    /// <summary>Messages for an account, oldest first (ids grow with time); answers their ids.</summary>
    private Task<long[]> AddMessagesAsync(int accountId, params string[] titles) => app.AsSystemAsync(async (_, db) =>
    {
        var rows = titles.Select(t =>
        {
            var now = app.Clock.GetUtcNow().UtcDateTime;
            return new Notification
            {
                Channel = NotificationChannel.InApp, AccountId = accountId, Title = t, Body = $"{t} 的内容", Link = "/repairs/tasks",
                Status = NotificationStatus.Sent, CreatedAtUtc = now, NextAttemptAtUtc = now,
            };
        }).ToList();
        foreach (var row in rows)
        {
            db.Notifications.Add(row);
            await db.SaveChangesAsync();
        }
        return rows.Select(r => r.Id).ToArray();
    });

    private Task<DateTime?> ReadAtAsync(long id) =>
        app.AsSystemAsync((_, db) => db.Notifications.Where(n => n.Id == id).Select(n => n.ReadAtUtc).SingleAsync());

    [Fact]
    public async Task MessagesComeNewestFirstAndCanBeFilteredToUnread()
    {
        var (me, meId) = await NewAccountAsync(app, DemoAccounts.MaintenanceWorker, "messages-list");
        var ids = await AddMessagesAsync(meId, "消息一", "消息二", "消息三");
        await me.PostAsync($"/api/v1/me/messages/{ids[1]}/read", null);

        var all = await ApiJson.OkAsync<PagedList<MessageResponse>>(await me.GetAsync("/api/v1/me/messages"));
        var unread = await ApiJson.OkAsync<PagedList<MessageResponse>>(await me.GetAsync("/api/v1/me/messages?unread=true"));
        var second = await ApiJson.OkAsync<PagedList<MessageResponse>>(await me.GetAsync("/api/v1/me/messages?page=2&pageSize=2"));
        var count = await ApiJson.OkAsync<UnreadCountResponse>(await me.GetAsync("/api/v1/me/messages/unread-count"));

        Assert.Equal([ids[2], ids[1], ids[0]], all.Items.Select(m => m.Id));
        Assert.Equal(3, all.Total);
        Assert.Equal([false, true, false], all.Items.Select(m => m.Read));
        Assert.Equal("消息三 的内容", all.Items[0].Body);
        Assert.Equal("/repairs/tasks", all.Items[0].Link);
        Assert.Equal(TimeSpan.Zero, all.Items[0].CreatedAt.Offset);
        Assert.Equal([ids[2], ids[0]], unread.Items.Select(m => m.Id));
        Assert.Equal(2, unread.Total);
        Assert.Equal([ids[0]], second.Items.Select(m => m.Id));
        Assert.Equal((3, 2, 2), (second.Total, second.Page, second.PageSize));
        Assert.Equal(2, count.Unread);
    }

    [Fact]
    public async Task ReadingOneMessageMarksOnlyItAndReadingAgainChangesNothing()
    {
        var (me, meId) = await NewAccountAsync(app, DemoAccounts.MaintenanceWorker, "messages-read");
        var ids = await AddMessagesAsync(meId, "甲", "乙");

        var read = await ApiJson.OkAsync<MessageResponse>(await me.PostAsync($"/api/v1/me/messages/{ids[0]}/read", null));
        var firstReadAt = await ReadAtAsync(ids[0]);
        app.Clock.Advance(TimeSpan.FromMinutes(5));
        var again = await ApiJson.OkAsync<MessageResponse>(await me.PostAsync($"/api/v1/me/messages/{ids[0]}/read", null));

        Assert.True(read.Read);
        Assert.Equal(app.Clock.GetUtcNow().AddMinutes(-5), read.ReadAt);
        Assert.Equal(read.ReadAt, again.ReadAt);
        Assert.Equal(firstReadAt, await ReadAtAsync(ids[0]));
        Assert.Null(await ReadAtAsync(ids[1]));
        Assert.Equal(1, (await ApiJson.OkAsync<UnreadCountResponse>(await me.GetAsync("/api/v1/me/messages/unread-count"))).Unread);
    }

    [Fact]
    public async Task SomeoneElsesMessageIsNotFoundAndStaysUnread()
    {
        var (me, meId) = await NewAccountAsync(app, DemoAccounts.MaintenanceWorker, "messages-mine");
        var (other, otherId) = await NewAccountAsync(app, DemoStaff.WorkersB[0].UserName, "messages-other");
        var (colleague, colleagueId) = await NewAccountAsync(app, DemoAccounts.MaintenanceWorker, "messages-colleague");
        var theirs = await AddMessagesAsync(otherId, "别人的");
        var colleagues = await AddMessagesAsync(colleagueId, "同事的");
        await AddMessagesAsync(meId, "我的");
        var admin = await app.CreateApiClientAsync(DemoAccounts.PlatformAdmin, DemoAccounts.Password);

        var foreign = await me.PostAsync($"/api/v1/me/messages/{theirs[0]}/read", null);
        var sameCompany = await me.PostAsync($"/api/v1/me/messages/{colleagues[0]}/read", null);
        var byAdmin = await admin.PostAsync($"/api/v1/me/messages/{theirs[0]}/read", null);
        var missing = await me.PostAsync("/api/v1/me/messages/99999999/read", null);
        var mine = await ApiJson.OkAsync<PagedList<MessageResponse>>(await me.GetAsync("/api/v1/me/messages"));
        var adminsList = await ApiJson.OkAsync<PagedList<MessageResponse>>(await admin.GetAsync("/api/v1/me/messages?pageSize=100"));

        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        Assert.Equal("message.not_found", await CodeOfAsync(foreign));
        Assert.Equal(HttpStatusCode.NotFound, sameCompany.StatusCode);
        // The platform sees every company, but a person's messages are still their own.
        Assert.Equal(HttpStatusCode.NotFound, byAdmin.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Null(await ReadAtAsync(theirs[0]));
        Assert.Null(await ReadAtAsync(colleagues[0]));
        Assert.Equal(["我的"], mine.Items.Select(m => m.Title));
        Assert.DoesNotContain(adminsList.Items, m => m.Id == theirs[0] || m.Id == colleagues[0]);
        Assert.Equal(1, (await ApiJson.OkAsync<UnreadCountResponse>(await other.GetAsync("/api/v1/me/messages/unread-count"))).Unread);
        Assert.Equal(1, (await ApiJson.OkAsync<UnreadCountResponse>(await colleague.GetAsync("/api/v1/me/messages/unread-count"))).Unread);
    }

    [Fact]
    public async Task ReadAllMarksOnlyMyMessages()
    {
        var (me, meId) = await NewAccountAsync(app, DemoAccounts.MaintenanceWorker, "messages-all");
        var (_, otherId) = await NewAccountAsync(app, DemoAccounts.MaintenanceWorker, "messages-all-other");
        var mine = await AddMessagesAsync(meId, "一", "二", "三");
        var theirs = await AddMessagesAsync(otherId, "四");

        var after = await ApiJson.OkAsync<UnreadCountResponse>(await me.PostAsync("/api/v1/me/messages/read-all", null));

        Assert.Equal(0, after.Unread);
        Assert.All(await Task.WhenAll(mine.Select(ReadAtAsync)), r => Assert.NotNull(r));
        Assert.Null(await ReadAtAsync(theirs[0]));
        Assert.Empty((await ApiJson.OkAsync<PagedList<MessageResponse>>(await me.GetAsync("/api/v1/me/messages?unread=true"))).Items);
    }

    [Fact]
    public async Task TheListIsPagedAndEveryCallNeedsAToken()
    {
        var (me, meId) = await NewAccountAsync(app, DemoAccounts.MaintenanceWorker, "messages-paging");
        var ids = await AddMessagesAsync(meId, "匿名");
        var anonymous = app.CreateClient();

        await PagingIsBoundedAsync(me, "/api/v1/me/messages");
        Assert.Equal(HttpStatusCode.BadRequest, (await me.GetAsync("/api/v1/me/messages?unread=maybe")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/me/messages")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/me/messages/unread-count")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync($"/api/v1/me/messages/{ids[0]}/read", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync("/api/v1/me/messages/read-all", null)).StatusCode);
        Assert.Null(await ReadAtAsync(ids[0]));
    }
}
