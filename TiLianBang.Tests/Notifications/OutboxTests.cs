using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TiLianBang.Core.Demo;
using TiLianBang.Core.Notifications;
using TiLianBang.Core.Repairs;
using TiLianBang.Tests.Infrastructure;

namespace TiLianBang.Tests.Notifications;

/// <summary>REP-5: new orders reach the workers through the outbox; remote channels are retried and never lost.</summary>
public sealed class OutboxTests : IAsyncLifetime
{
    private FakeRemoteApi _remote = default!;
    private readonly string _folder = Directory.CreateTempSubdirectory("tlb-outbox-").FullName;

    public async Task InitializeAsync() => _remote = await FakeRemoteApi.StartAsync();

    public async Task DisposeAsync()
    {
        await _remote.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private TiLianBangAppFactory NewApp()
    {
        var app = new TiLianBangAppFactory(_folder);
        app.Settings["WeChat:BaseUrl"] = _remote.BaseUrl;
        app.Settings["WeChat:AppId"] = "wx-test-app";
        app.Settings["WeChat:AppSecret"] = "secret";
        app.Settings["WeChat:TemplateId"] = "tmpl-repair";
        app.Settings["Sms:Endpoint"] = _remote.BaseUrl + "/sms/send";
        app.Settings["Sms:ApiKey"] = "sms-key";
        return app;
    }

    private static async Task<RepairOrder> RaiseTrappedAsync(TiLianBangAppFactory app)
    {
        await app.AsSystemAsync(async (_, db) =>
        {
            // The demo's other people have mobiles too; here the worker alone is reachable remotely, so each remote
            // channel carries one message.
            await db.Users.Where(u => u.UserName != DemoAccounts.MaintenanceWorker).ExecuteUpdateAsync(s => s.SetProperty(u => u.PhoneNumber, (string?)null));
            var worker = await db.Users.SingleAsync(u => u.UserName == DemoAccounts.MaintenanceWorker);
            worker.WeChatOpenId = "openid-worker";
            worker.PhoneNumber = "13800000001";
            return await db.SaveChangesAsync();
        });
        var elevatorId = await app.AsSystemAsync((_, db) => db.Elevators.Where(e => e.Number == "CQ0001").Select(e => e.Id).SingleAsync());
        var (order, _) = await app.AsSystemAsync((sp, _) => sp.GetRequiredService<RepairService>().RaiseFromFaultAsync(elevatorId, 11, true, "困人", default));
        return order;
    }

    private static Task<List<Notification>> NotificationsAsync(TiLianBangAppFactory app) =>
        app.AsSystemAsync((_, db) => db.Notifications.AsNoTracking().OrderBy(n => n.Id).ToListAsync());

    [Fact]
    public async Task ANewOrderReachesEveryWorkerOfTheMaintainerInAppByWeChatAndBySms()
    {
        await using var app = NewApp();
        await RaiseTrappedAsync(app);

        var sent = await app.Services.GetRequiredService<OutboxDispatcher>().DispatchDueAsync(default);

        var all = await NotificationsAsync(app);
        var worker = await app.AsSystemAsync((_, db) => db.Users.SingleAsync(u => u.UserName == DemoAccounts.MaintenanceWorker));
        var manager = await app.AsSystemAsync((_, db) => db.Users.SingleAsync(u => u.UserName == DemoAccounts.MaintenanceManager));
        Assert.Contains(all, n => n.AccountId == worker.Id && n.Channel == NotificationChannel.InApp);
        Assert.Contains(all, n => n.AccountId == manager.Id && n.Channel == NotificationChannel.InApp);
        Assert.DoesNotContain(all, n => n.AccountId == manager.Id && n.Channel == NotificationChannel.WeChat);
        Assert.All(all, n => Assert.Equal(NotificationStatus.Sent, n.Status));
        Assert.Equal(all.Count, sent);
        Assert.Contains(_remote.Requests, r => r.StartsWith("send ?access_token=token-1", StringComparison.Ordinal) && r.Contains("openid-worker", StringComparison.Ordinal) && r.Contains("tmpl-repair", StringComparison.Ordinal));
        Assert.Contains(_remote.Requests, r => r.StartsWith("sms sms-key", StringComparison.Ordinal) && r.Contains("13800000001", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ARemoteThatFailsTwiceIsRetriedWithBackOffUntilItSucceeds()
    {
        await using var app = NewApp();
        _remote.FailNextSends = 2;
        await RaiseTrappedAsync(app);
        var dispatcher = app.Services.GetRequiredService<OutboxDispatcher>();

        await dispatcher.DispatchDueAsync(default);
        var afterFirst = (await NotificationsAsync(app)).Single(n => n.Channel == NotificationChannel.WeChat);
        await dispatcher.DispatchDueAsync(default);
        var notYetDue = (await NotificationsAsync(app)).Single(n => n.Channel == NotificationChannel.WeChat);
        app.Clock.Advance(OutboxDispatcher.Backoff(1));
        await dispatcher.DispatchDueAsync(default);
        app.Clock.Advance(OutboxDispatcher.Backoff(2));
        await dispatcher.DispatchDueAsync(default);

        var wechat = (await NotificationsAsync(app)).Single(n => n.Channel == NotificationChannel.WeChat);
        Assert.Equal(NotificationStatus.Pending, afterFirst.Status);
        Assert.Contains("HTTP 500", afterFirst.LastError);
        Assert.Equal(1, notYetDue.Attempts);
        Assert.Equal(NotificationStatus.Sent, wechat.Status);
        Assert.Equal(3, wechat.Attempts);
        Assert.Equal(1, _remote.TokenRequests);
    }

    [Fact]
    public async Task AUserWhoRefusedMessagesIsAPermanentFailureForAdministratorsToSee()
    {
        await using var app = NewApp();
        _remote.WeChatErrorCode = 43101;
        _remote.SmsStatus = 400;
        await RaiseTrappedAsync(app);

        await app.Services.GetRequiredService<OutboxDispatcher>().DispatchDueAsync(default);

        var all = await NotificationsAsync(app);
        Assert.Equal(NotificationStatus.Failed, all.Single(n => n.Channel == NotificationChannel.WeChat).Status);
        Assert.Equal(NotificationStatus.Failed, all.Single(n => n.Channel == NotificationChannel.Sms).Status);
        Assert.Contains("43101", all.Single(n => n.Channel == NotificationChannel.WeChat).LastError);

        await using (var scope = await app.ScopeAsAsync(DemoAccounts.MaintenanceManager))
        {
            await Assert.ThrowsAsync<TiLianBang.Core.Common.DomainException>(() => scope.ServiceProvider.GetRequiredService<OutboxAdministration>().FailedAsync(default));
        }
        await using (var scope = await app.ScopeAsAsync(DemoAccounts.PlatformAdmin))
        {
            var admin = scope.ServiceProvider.GetRequiredService<OutboxAdministration>();
            var failed = await admin.FailedAsync(default);
            Assert.Equal(2, failed.Count);
            await admin.RetryAsync(failed.Single(n => n.Channel == NotificationChannel.WeChat).Id, default);
        }
        Assert.Equal(NotificationStatus.Pending, (await NotificationsAsync(app)).Single(n => n.Channel == NotificationChannel.WeChat).Status);
    }

    [Fact]
    public async Task PendingMessagesSurviveARestart()
    {
        _remote.FailNextSends = 1000;
        await using (var first = NewApp())
        {
            await RaiseTrappedAsync(first);
            await first.Services.GetRequiredService<OutboxDispatcher>().DispatchDueAsync(default);
            Assert.Equal(NotificationStatus.Pending, (await NotificationsAsync(first)).Single(n => n.Channel == NotificationChannel.WeChat).Status);
        }
        _remote.FailNextSends = 0;

        await using var second = NewApp();
        second.Clock.Advance(TimeSpan.FromMinutes(1));
        await second.Services.GetRequiredService<OutboxDispatcher>().DispatchDueAsync(default);

        Assert.Equal(NotificationStatus.Sent, (await NotificationsAsync(second)).Single(n => n.Channel == NotificationChannel.WeChat).Status);
    }
}
