using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TiLianBang.Core.Common;
using TiLianBang.Core.Demo;
using TiLianBang.Core.Maintenance;
using TiLianBang.Core.Notifications;
using TiLianBang.Tests.Infrastructure;

namespace TiLianBang.Tests.Maintenance;

/// <summary>MNT-7 for operator certificates: warned 30 and 7 days ahead and once expired, once each; pickers flag expiry.</summary>
public sealed class CertificateWarningTests(NoBackgroundLoopsAppFactory app) : IClassFixture<NoBackgroundLoopsAppFactory>
{
    private Task<int> WarnAsync() => app.Services.GetRequiredService<MaintenanceJobs>().SendExpiryWarningsAsync(default);

    /// <summary>A worker of 渝安 of its own whose certificate runs out <paramref name="days"/> from today.</summary>
    private async Task<int> NewWorkerAsync(string userName, int days, string? openId = null)
    {
        var account = await app.CreateAccountLikeAsync(DemoAccounts.MaintenanceWorker, userName, "Worker-2026", mustChangePassword: false);
        await SetCertificateAsync(account.Id, app.Clock.Today().AddDays(days), openId);
        return account.Id;
    }

    private Task<int> SetCertificateAsync(int accountId, DateOnly expiresOn, string? openId = null) => app.AsSystemAsync(async (_, db) =>
    {
        var account = await db.Users.SingleAsync(u => u.Id == accountId);
        account.Certificate = new() { Number = "T" + accountId, Category = DemoStaff.CertificateCategory, ExpiresOn = expiresOn };
        account.WeChatOpenId = openId ?? account.WeChatOpenId;
        return await db.SaveChangesAsync();
    });

    /// <summary>Messages about <paramref name="workerName"/>'s certificate that reached <paramref name="recipient"/>.</summary>
    private Task<List<Notification>> WarningsAsync(string recipient, string workerName) => app.AsSystemAsync((_, db) =>
        db.Notifications.AsNoTracking()
            .Where(n => n.Title.Contains("作业人员证") && n.Title.EndsWith(" " + workerName) && db.Users.Any(u => u.Id == n.AccountId && u.UserName == recipient))
            .OrderBy(n => n.Id)
            .ToListAsync());

    [Fact]
    public async Task EachThresholdWarnsTheWorkerAndTheReviewersOnceAndARenewedCertificateWarnsAgain()
    {
        const string worker = "cert-worker";
        var id = await NewWorkerAsync(worker, 31, openId: "openid-cert-worker");
        var today = app.Clock.Today();

        await WarnAsync();
        Assert.Empty(await WarningsAsync(worker, worker));

        app.Clock.Advance(TimeSpan.FromDays(1));
        await WarnAsync();
        await WarnAsync();
        var toWorker = await WarningsAsync(worker, worker);
        Assert.Equal(2, toWorker.Count);
        Assert.Equal([NotificationChannel.InApp, NotificationChannel.WeChat], toWorker.Select(n => n.Channel));
        Assert.Equal($"{worker} 的特种设备作业人员证 T{id} 将于 {today.AddDays(31):yyyy-MM-dd} 到期，还有 30 天。", toWorker[0].Body);
        Assert.Single(await WarningsAsync(DemoAccounts.MaintenanceManager, worker));
        Assert.Empty(await WarningsAsync(DemoAccounts.OtherMaintenanceManager, worker));

        app.Clock.Advance(TimeSpan.FromDays(22));
        await WarnAsync();
        Assert.Single(await WarningsAsync(DemoAccounts.MaintenanceManager, worker));
        app.Clock.Advance(TimeSpan.FromDays(1));
        await WarnAsync();
        await WarnAsync();
        var office = await WarningsAsync(DemoAccounts.MaintenanceManager, worker);
        Assert.Equal(2, office.Count);
        Assert.EndsWith("还有 7 天。", office[1].Body);

        // The day of expiry is still a valid day; the day after, it has expired.
        app.Clock.Advance(TimeSpan.FromDays(7));
        await WarnAsync();
        Assert.Equal(2, (await WarningsAsync(DemoAccounts.MaintenanceManager, worker)).Count);
        app.Clock.Advance(TimeSpan.FromDays(1));
        await WarnAsync();
        await WarnAsync();
        office = await WarningsAsync(DemoAccounts.MaintenanceManager, worker);
        Assert.Equal(3, office.Count);
        Assert.StartsWith("作业人员证已过期", office[2].Title);
        Assert.Equal(6, (await WarningsAsync(worker, worker)).Count);

        await SetCertificateAsync(id, app.Clock.Today().AddDays(20));
        await WarnAsync();
        await WarnAsync();
        office = await WarningsAsync(DemoAccounts.MaintenanceManager, worker);
        Assert.Equal(4, office.Count);
        Assert.EndsWith("还有 20 天。", office[3].Body);
        Assert.Equal(4, await app.AsSystemAsync((_, db) => db.CertificateWarnings.CountAsync(w => w.AccountId == id)));
    }

    [Fact]
    public async Task APickerFlagsAWorkerWhoseCertificateHasExpired()
    {
        var expired = await NewWorkerAsync("cert-expired", -1);
        var valid = await NewWorkerAsync("cert-valid", 0);

        await using var scope = await app.ScopeAsAsync(DemoAccounts.MaintenanceManager);
        var workers = await scope.ServiceProvider.GetRequiredService<MaintenancePlanning>().WorkersAsync(null, default);

        Assert.True(workers.Single(w => w.Id == expired).CertificateExpired);
        Assert.False(workers.Single(w => w.Id == valid).CertificateExpired);
    }
}
