using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TiLianBang.Core.Common;
using TiLianBang.Core.Demo;
using TiLianBang.Core.Home;
using TiLianBang.Core.Maintenance;
using TiLianBang.Core.Notifications;
using TiLianBang.Core.Repairs;
using TiLianBang.Tests.Infrastructure;
using TiLianBang.Web.Features.Home;
using static TiLianBang.Tests.Api.HomeApiChecks;

namespace TiLianBang.Tests.Api;

/// <summary>API-2 首页: today's banners and their pictures, the person's to-do counts, elevator search by number.</summary>
public sealed class HomeApiTests(TiLianBangAppFactory app) : IClassFixture<TiLianBangAppFactory>
{
    private Task<HttpClient> WorkerAsync() => app.CreateApiClientAsync(DemoAccounts.MaintenanceWorker, DemoAccounts.Password);

    private async Task<Banner> AddBannerAsync(string title, int order, DateOnly? from, DateOnly? until)
    {
        await using var scope = await app.ScopeAsAsync(DemoAccounts.PlatformAdmin);
        using var picture = new MemoryStream(DemoPictures.BannerPng(0x112233, 0x445566));
        return await scope.ServiceProvider.GetRequiredService<Banners>()
            .SaveAsync(null, new BannerInput { Title = title, SortOrder = order, ActiveFrom = from, ActiveUntil = until }, picture, default);
    }

    private Task<int> ElevatorIdAsync(string number) =>
        app.AsSystemAsync((_, db) => db.Elevators.Where(e => e.Number == number).Select(e => e.Id).SingleAsync());

    [Fact]
    public async Task HomeShowsTodaysBannersInTheirOrderWithPicturesOnlyForThoseShownToday()
    {
        var today = app.Clock.Today();
        var later = await AddBannerAsync("首页测试·靠后", 5000, null, null);
        var first = await AddBannerAsync("首页测试·靠前", 1, today, today);
        var expired = await AddBannerAsync("首页测试·已过期", 2, today.AddDays(-10), today.AddDays(-1));
        var future = await AddBannerAsync("首页测试·未开始", 3, today.AddDays(1), null);
        var worker = await WorkerAsync();

        var home = await ApiJson.OkAsync<HomeResponse>(await worker.GetAsync("/api/v1/home"));

        var titles = home.Banners.Select(b => b.Title).ToList();
        Assert.Contains("安全乘梯 从我做起", titles);
        Assert.DoesNotContain(expired.Title, titles);
        Assert.DoesNotContain(future.Title, titles);
        Assert.True(titles.IndexOf(first.Title) < titles.IndexOf(later.Title), string.Join(", ", titles));
        Assert.Equal(titles.Count, home.Banners.Select(b => b.Id).Distinct().Count());
        var shown = home.Banners.Single(b => b.Id == first.Id);
        var picture = await worker.GetAsync(shown.ImageUrl);
        Assert.Equal(HttpStatusCode.OK, picture.StatusCode);
        Assert.Equal("image/png", picture.Content.Headers.ContentType?.MediaType);
        Assert.Equal(DemoPictures.BannerPng(0x112233, 0x445566), await picture.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await worker.GetAsync($"/api/v1/home/banners/{expired.Id}/image")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await worker.GetAsync($"/api/v1/home/banners/{future.Id}/image")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await worker.GetAsync("/api/v1/home/banners/999999/image")).StatusCode);
        // 系统配置 shows every banner, so those who manage them see retired pictures too.
        var admin = await app.CreateApiClientAsync(DemoAccounts.PlatformAdmin, DemoAccounts.Password);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/api/v1/home/banners/{expired.Id}/image")).StatusCode);
        // Tomorrow the one-day banner is gone and the future one appears (other tests take "today" from the clock).
        app.Clock.Advance(TimeSpan.FromDays(1));
        worker = await WorkerAsync();
        var tomorrow = (await ApiJson.OkAsync<HomeResponse>(await worker.GetAsync("/api/v1/home"))).Banners.Select(b => b.Title).ToList();
        Assert.DoesNotContain(first.Title, tomorrow);
        Assert.Contains(future.Title, tomorrow);
        Assert.Equal(HttpStatusCode.NotFound, (await worker.GetAsync(shown.ImageUrl)).StatusCode);
    }

    [Fact]
    public async Task BannerFieldsAreCheckedOneByOneAndOnlyConfigurationStaffMayChangeThem()
    {
        async Task<IReadOnlyDictionary<string, string>> RefusedAsync(BannerInput input, byte[]? picture)
        {
            await using var scope = await app.ScopeAsAsync(DemoAccounts.PlatformAdmin);
            using var content = picture is null ? null : new MemoryStream(picture);
            return (await Assert.ThrowsAsync<ValidationException>(() =>
                scope.ServiceProvider.GetRequiredService<Banners>().SaveAsync(null, input, content, default))).ChineseErrors;
        }
        var png = DemoPictures.BannerPng(0, 0);
        var huge = new byte[Core.Photos.PhotoOptions.MaxBytes + 1];
        png.CopyTo(huge, 0);
        var before = await app.AsSystemAsync((_, db) => db.Banners.CountAsync());
        var today = app.Clock.Today();

        var everything = await RefusedAsync(new BannerInput { Title = " ", Link = "javascript:alert(1)", SortOrder = -1, ActiveFrom = today, ActiveUntil = today.AddDays(-1) }, null);
        var tooLong = await RefusedAsync(new BannerInput { Title = new string('轮', 61), Link = "//evil.example/x" }, png);
        var plainHttp = await RefusedAsync(new BannerInput { Title = "标题", Link = "http://example.com" }, png);
        var notAPicture = await RefusedAsync(new BannerInput { Title = "标题" }, "%PDF-1.4"u8.ToArray());
        var tooLarge = await RefusedAsync(new BannerInput { Title = "标题" }, huge);
        await using var workerScope = await app.ScopeAsAsync(DemoAccounts.MaintenanceManager);
        using var picture = new MemoryStream(png);
        var forbidden = await Assert.ThrowsAsync<DomainException>(() =>
            workerScope.ServiceProvider.GetRequiredService<Banners>().SaveAsync(null, new BannerInput { Title = "维保公司的" }, picture, default));

        Assert.Equal(new HashSet<string> { "title", "link", "sortOrder", "activeUntil", "image" }, everything.Keys.ToHashSet());
        Assert.Equal(new HashSet<string> { "title", "link" }, tooLong.Keys.ToHashSet());
        Assert.Equal("link", Assert.Single(plainHttp.Keys));
        Assert.Equal("image", Assert.Single(notAPicture.Keys));
        Assert.Equal("image", Assert.Single(tooLarge.Keys));
        Assert.Equal("banner.forbidden", forbidden.Code);
        Assert.Equal(before, await app.AsSystemAsync((_, db) => db.Banners.CountAsync()));
        Assert.True(Banners.IsAcceptableLink("/pages/repairs/index?id=1"));
        Assert.True(Banners.IsAcceptableLink("https://www.example.com/活动"));
    }

    [Fact]
    public async Task WithoutATokenNothingOfTheHomeIsAnswered()
    {
        var anonymous = app.CreateClient();
        var banner = (await ApiJson.OkAsync<HomeResponse>(await (await WorkerAsync()).GetAsync("/api/v1/home"))).Banners[0];

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/home")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(banner.ImageUrl)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/home/elevators?number=CQ")).StatusCode);
    }

    [Fact]
    public async Task RepairsWaitingForMeCountOrdersToAcceptInMyCompanyAndThoseIAccepted()
    {
        var (me, meId) = await NewAccountAsync(app, DemoAccounts.MaintenanceWorker, "home-todo-a");
        var (colleague, _) = await NewAccountAsync(app, DemoAccounts.MaintenanceWorker, "home-todo-b");
        var (otherCompany, _) = await NewAccountAsync(app, DemoStaff.WorkersB[0].UserName, "home-todo-c");
        var (userUnit, _) = await NewAccountAsync(app, DemoAccounts.UserUnitManager, "home-todo-d");
        async Task<int[]> CountsAsync() =>
        [
            .. await Task.WhenAll(new[] { me, colleague, otherCompany, userUnit }.Select(async c =>
                (await ApiJson.OkAsync<HomeResponse>(await c.GetAsync("/api/v1/home"))).ToDo.Repairs)),
        ];
        var before = await CountsAsync();
        // CQ0004 is maintained by 渝安 (my company), CQ0006 by 两江.
        var (mine, _) = await app.AsSystemAsync(async (sp, _) =>
            await sp.GetRequiredService<RepairService>().RaiseFromFaultAsync(await ElevatorIdAsync("CQ0004"), 11, true, "困人", default));
        var afterMine = await CountsAsync();
        await app.AsSystemAsync(async (sp, _) =>
            await sp.GetRequiredService<RepairService>().RaiseFromFaultAsync(await ElevatorIdAsync("CQ0006"), 11, true, "困人", default));
        var afterOther = await CountsAsync();
        await app.AsSystemAsync(async (_, db) =>
        {
            // Accepted by me (as the accept action does), so it waits for me only.
            var order = await db.RepairOrders.SingleAsync(o => o.Id == mine.Id);
            (order.State, order.AssignedWorkerId, order.AcceptedAtUtc) = (RepairOrderState.Accepted, meId, app.Clock.GetUtcNow().UtcDateTime);
            return await db.SaveChangesAsync();
        });
        var afterAccept = await CountsAsync();

        Assert.Equal([before[0] + 1, before[1] + 1, before[2], before[3]], afterMine);
        Assert.Equal([afterMine[0], afterMine[1], afterMine[2] + 1, afterMine[3]], afterOther);
        Assert.Equal([afterOther[0], afterOther[1] - 1, afterOther[2], afterOther[3]], afterAccept);
    }

    [Fact]
    public async Task MaintenanceAndMessageCountsAreMineAndFollowTheDueDay()
    {
        var (me, meId) = await NewAccountAsync(app, DemoAccounts.MaintenanceWorker, "home-todo-m");
        var today = app.Clock.Today();
        var empty = (await ApiJson.OkAsync<HomeResponse>(await me.GetAsync("/api/v1/home"))).ToDo;
        var elevatorId = await ElevatorIdAsync("CQ0005");
        await app.AsSystemAsync(async (_, db) =>
        {
            MaintenanceOrder Order(string key, DateOnly due, MaintenanceOrderState state, int? worker) => new()
            {
                Number = $"BYHOME{key}", ElevatorId = elevatorId, ScheduleKey = $"HOME-{key}", DueOn = due, DueReason = "测试",
                State = state, WorkerId = worker, CreatedAtUtc = app.Clock.GetUtcNow().UtcDateTime,
            };
            db.MaintenanceOrders.AddRange(
                Order("1", today, MaintenanceOrderState.Assigned, meId),
                Order("2", today, MaintenanceOrderState.SignedIn, meId),
                Order("3", today.AddDays(-3), MaintenanceOrderState.Assigned, meId),
                Order("4", today.AddDays(-3), MaintenanceOrderState.Submitted, meId),
                Order("5", today.AddDays(1), MaintenanceOrderState.Assigned, meId),
                Order("6", today, MaintenanceOrderState.Assigned, null));
            var now = app.Clock.GetUtcNow().UtcDateTime;
            Notification Message(int? account, DateTime? read) => new()
            {
                Channel = NotificationChannel.InApp, AccountId = account, Title = "测试", Body = "测试", Status = NotificationStatus.Sent,
                CreatedAtUtc = now, NextAttemptAtUtc = now, ReadAtUtc = read,
            };
            db.Notifications.AddRange(Message(meId, null), Message(meId, null), Message(meId, now), Message(meId + 1000, null));
            return await db.SaveChangesAsync();
        });

        var toDo = (await ApiJson.OkAsync<HomeResponse>(await me.GetAsync("/api/v1/home"))).ToDo;
        app.Clock.Advance(TimeSpan.FromDays(1));
        // A token lives less than a day: sign in again, as the phone would.
        me = await app.CreateApiClientAsync("home-todo-m", NewAccountPassword);
        var nextDay = (await ApiJson.OkAsync<HomeResponse>(await me.GetAsync("/api/v1/home"))).ToDo;

        Assert.Equal(new HomeToDoResponse(0, 0, 0, 0), empty with { Repairs = 0 });
        Assert.Equal(new HomeToDoResponse(toDo.Repairs, 2, 1, 2), toDo);
        // A day later, yesterday's two are overdue and tomorrow's is due.
        Assert.Equal(1, nextDay.MaintenanceDueToday);
        Assert.Equal(3, nextDay.MaintenanceOverdue);
    }

    [Fact]
    public async Task ElevatorSearchFindsOnlyElevatorsInMyScope()
    {
        var worker = await WorkerAsync();
        var other = await app.CreateApiClientAsync(DemoAccounts.OtherMaintenanceManager, DemoAccounts.Password);
        var visible = await app.AsSystemAsync((_, db) => db.Elevators
            .Where(e => e.MaintenanceCompany!.Name == DemoStaff.MaintenanceA && e.Number.Contains("CQ00"))
            .Select(e => e.Number).OrderBy(n => n).ToListAsync());

        var all = new List<ElevatorNumberHit>();
        PagedList<ElevatorNumberHit> page;
        var n = 1;
        do
        {
            page = await ApiJson.OkAsync<PagedList<ElevatorNumberHit>>(await worker.GetAsync($"/api/v1/home/elevators?number=CQ00&page={n++}&pageSize=7"));
            all.AddRange(page.Items);
        }
        while (page.Items.Count == 7);
        var foreign = await ApiJson.OkAsync<PagedList<ElevatorNumberHit>>(await worker.GetAsync("/api/v1/home/elevators?number=CQ0006"));
        var theirs = await ApiJson.OkAsync<PagedList<ElevatorNumberHit>>(await other.GetAsync("/api/v1/home/elevators?number=cq0006"));
        var inside = await ApiJson.OkAsync<PagedList<ElevatorNumberHit>>(await worker.GetAsync("/api/v1/home/elevators?number=0004"));

        Assert.Equal(visible, all.Select(h => h.Number).Order().ToList());
        Assert.Equal(visible.Count, page.Total);
        Assert.Equal(0, foreign.Total);
        Assert.Empty(foreign.Items);
        Assert.Equal("CQ0006", Assert.Single(theirs.Items).Number);
        Assert.Contains(inside.Items, h => h.Number == "CQ0004" && h.Community.Length > 0);
    }

    [Fact]
    public async Task ElevatorSearchRefusesTooShortOrLongNumbersAndUnboundedPages()
    {
        var worker = await WorkerAsync();

        Assert.Contains("number", (await InvalidAsync(await worker.GetAsync("/api/v1/home/elevators?number=C"))).Keys);
        Assert.Contains("number", (await InvalidAsync(await worker.GetAsync("/api/v1/home/elevators"))).Keys);
        Assert.Contains("number", (await InvalidAsync(await worker.GetAsync($"/api/v1/home/elevators?number={new string('9', 33)}"))).Keys);
        await PagingIsBoundedAsync(worker, "/api/v1/home/elevators?number=CQ");
        // Wildcards are taken literally: "%%" is no way to list every elevator.
        Assert.Equal(0, (await ApiJson.OkAsync<PagedList<ElevatorNumberHit>>(await worker.GetAsync("/api/v1/home/elevators?number=%25%25"))).Total);
        Assert.Equal(0, (await ApiJson.OkAsync<PagedList<ElevatorNumberHit>>(await worker.GetAsync("/api/v1/home/elevators?number=C_0"))).Total);
    }
}
