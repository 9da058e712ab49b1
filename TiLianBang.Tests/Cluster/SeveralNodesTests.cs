using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;
using TiLianBang.Core.Accounts;
using TiLianBang.Core.Cluster;
using TiLianBang.Core.Demo;
using TiLianBang.Core.Maintenance;
using TiLianBang.Core.Notifications;
using TiLianBang.Core.Repairs;
using TiLianBang.Tests.Infrastructure;
using TiLianBang.Web.Features.Accounts;

namespace TiLianBang.Tests.Cluster;

/// <summary>
/// Issue 19 item 4: two web nodes on one database never act twice — a message is sent once, a level told once, a
/// warning given once, one rescue order — a node that died hands its work on once its lease or claim runs out, and
/// what one node signs (cookie, API token) the other accepts. Each test uses its own demo elevator.
/// </summary>
public sealed class SeveralNodesTests(TwoNodes nodes) : IClassFixture<TwoNodes>
{
    private TiLianBangAppFactory A => nodes.A;
    private TiLianBangAppFactory B => nodes.B;

    private Task<int> ElevatorAsync(string number) =>
        A.AsSystemAsync((_, db) => db.Elevators.Where(e => e.Number == number).Select(e => e.Id).SingleAsync());

    /// <summary>Only the demo worker is reachable by WeChat and SMS, so a new order of 渝安's sends one of each.</summary>
    private Task<int> ReachOnlyTheWorkerRemotelyAsync() =>
        A.AsSystemAsync(async (_, db) =>
        {
            await db.Users.Where(u => u.UserName != DemoAccounts.MaintenanceWorker)
                .ExecuteUpdateAsync(s => s.SetProperty(u => u.PhoneNumber, (string?)null).SetProperty(u => u.WeChatOpenId, (string?)null));
            return await db.Users.Where(u => u.UserName == DemoAccounts.MaintenanceWorker)
                .ExecuteUpdateAsync(s => s.SetProperty(u => u.PhoneNumber, "13800000001").SetProperty(u => u.WeChatOpenId, "openid-worker"));
        });

    private int RemoteSendsMentioning(string text) =>
        nodes.Remote.Requests.Count(r => (r.StartsWith("send ", StringComparison.Ordinal) || r.StartsWith("sms ", StringComparison.Ordinal)) && r.Contains(text, StringComparison.Ordinal));

    [Fact]
    public async Task ANotificationIsSentOnceWhenBothNodesDispatch()
    {
        await ReachOnlyTheWorkerRemotelyAsync();
        var elevatorId = await ElevatorAsync("CQ0001");
        await A.AsSystemAsync((sp, _) => sp.GetRequiredService<RepairService>().RaiseFromFaultAsync(elevatorId, 11, true, "困人", default));

        for (var round = 0; round < 3; round++)
        {
            await nodes.BothAsync(node => TwoNodes.Get<OutboxDispatcher>(node).DispatchDueAsync(default));
        }

        // One WeChat message and one SMS to the worker: the stand-in counts what reached it from either node.
        Assert.Equal(2, RemoteSendsMentioning("CQ0001"));
        var remote = await A.AsSystemAsync((_, db) => db.Notifications.AsNoTracking()
            .Where(n => n.Title.Contains("CQ0001") && n.Channel != NotificationChannel.InApp).ToListAsync());
        Assert.Equal(2, remote.Count);
        Assert.All(remote, n => Assert.Equal((NotificationStatus.Sent, 1, (string?)null), (n.Status, n.Attempts, n.ClaimedBy)));
    }

    [Fact]
    public async Task AnOverdueAlarmEscalatesOnceWhenBothNodesWatch()
    {
        var elevatorId = await ElevatorAsync("CQ0002");
        await using (var scope = await A.ScopeAsAsync(DemoAccounts.PlatformAdmin))
        {
            await scope.ServiceProvider.GetRequiredService<Escalation>().SetLevelsAsync(elevatorId, [(EscalationTarget.Workers, 0), (EscalationTarget.TeamLeader, 5)], default);
        }
        var (order, _) = await A.AsSystemAsync((sp, _) => sp.GetRequiredService<RepairService>().RaiseFromFaultAsync(elevatorId, 11, true, "困人", default));
        nodes.Clock.Advance(TimeSpan.FromMinutes(6));

        for (var round = 0; round < 3; round++)
        {
            await nodes.BothAsync(node => TwoNodes.Get<EscalationWatch>(node).RunOnceAsync(default));
        }

        var stored = await A.AsSystemAsync((_, db) => db.RepairOrders.AsNoTracking().Include(o => o.Steps).SingleAsync(o => o.Id == order.Id));
        Assert.Equal(2, stored.EscalatedLevel);
        Assert.Single(stored.Steps, s => s.Note!.StartsWith("第 2 级上报", StringComparison.Ordinal));
        // The team leader (weibao) is told in the app once: a second pass would have added a second message.
        var leaderMessages = await A.AsSystemAsync((_, db) => db.Notifications.CountAsync(n => n.Title.Contains("未到场") && n.Title.Contains("CQ0002")
            && n.Channel == NotificationChannel.InApp && n.AccountId == db.Users.Single(u => u.UserName == DemoAccounts.MaintenanceManager).Id));
        Assert.Equal(1, leaderMessages);
    }

    [Fact]
    public async Task MaintenanceGenerationAndExpiryWarningsRunOnceWhenBothNodesTrigger()
    {
        var elevatorId = await ElevatorAsync("CQ0004");
        var today = DateOnly.FromDateTime(nodes.Clock.GetLocalNow().DateTime);
        await A.AsSystemAsync((_, db) => db.Elevators.Where(e => e.Id == elevatorId)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.NextInspectionDate, today.AddDays(5))));

        await nodes.BothAsync(node => TwoNodes.Get<MaintenanceJobs>(node).GenerateOrdersAsync(default));
        await nodes.BothAsync(node => TwoNodes.Get<MaintenanceJobs>(node).SendExpiryWarningsAsync(default));
        await nodes.BothAsync(node => TwoNodes.Get<MaintenanceJobs>(node).SendExpiryWarningsAsync(default));

        var (warnings, messages, duplicateOrders) = await A.AsSystemAsync(async (_, db) => (
            await db.ExpiryWarnings.CountAsync(w => w.ElevatorId == elevatorId && w.Subject == ExpirySubject.Inspection),
            await db.Notifications.Where(n => n.Title == "年检到期预警 CQ0004").GroupBy(n => new { n.AccountId, n.Channel }).Select(g => g.Count()).ToListAsync(),
            await db.MaintenanceOrders.GroupBy(o => new { o.ElevatorId, o.ScheduleKey }).CountAsync(g => g.Count() > 1)));
        Assert.Equal(1, warnings);
        // 渝安's reviewers and the user unit's people: each told once on each of their channels.
        Assert.NotEmpty(messages);
        Assert.All(messages, count => Assert.Equal(1, count));
        Assert.Equal(0, duplicateOrders);
    }

    [Fact]
    public async Task ALeaseOfACrashedNodeIsTakenOverOnceItExpires()
    {
        var elevatorId = await ElevatorAsync("CQ0005");
        await using (var scope = await A.ScopeAsAsync(DemoAccounts.PlatformAdmin))
        {
            await scope.ServiceProvider.GetRequiredService<Escalation>().SetLevelsAsync(elevatorId, [(EscalationTarget.Workers, 0), (EscalationTarget.TeamLeader, 5)], default);
        }
        var (order, _) = await A.AsSystemAsync((sp, _) => sp.GetRequiredService<RepairService>().RaiseFromFaultAsync(elevatorId, 11, true, "困人", default));
        // Node "crashed" took the 5级上报 lease a moment ago and will never renew or release it.
        var now = nodes.Clock.GetUtcNow().UtcDateTime;
        await A.AsSystemAsync(async (_, db) =>
        {
            await db.NodeLeases.Where(l => l.Name == "system:escalation").ExecuteDeleteAsync();
            db.NodeLeases.Add(new NodeLease { Name = "system:escalation", Holder = "crashed", ExpiresAtUtc = now + SystemPass.LeaseTime });
            return await db.SaveChangesAsync();
        });
        nodes.Clock.Advance(TimeSpan.FromMinutes(2));

        var whileHeld = await nodes.BothAsync(node => TwoNodes.Get<EscalationWatch>(node).RunOnceAsync(default));
        var levelWhileHeld = await A.AsSystemAsync((_, db) => db.RepairOrders.Where(o => o.Id == order.Id).Select(o => o.EscalatedLevel).SingleAsync());
        nodes.Clock.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));
        var afterExpiry = await nodes.BothAsync(node => TwoNodes.Get<EscalationWatch>(node).RunOnceAsync(default));
        var levelAfter = await A.AsSystemAsync((_, db) => db.RepairOrders.Where(o => o.Id == order.Id).Select(o => o.EscalatedLevel).SingleAsync());
        var steps = await A.AsSystemAsync((_, db) => db.Set<RepairOrderStep>().AsNoTracking().Where(s => s.RepairOrderId == order.Id).ToListAsync());

        Assert.Equal((0, 0), whileHeld);
        Assert.Equal(0, levelWhileHeld);
        // At minute 3 only level 1 (minute 0) is due, and exactly one of the nodes recorded it (the passes also
        // escalate the other tests' orders, so their counts say only that a node ran).
        Assert.True(afterExpiry.OnA + afterExpiry.OnB >= 1);
        Assert.Equal(1, levelAfter);
        Assert.Single(steps, s => s.Note!.StartsWith("第 1 级上报", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnOutboxClaimOfACrashedNodeIsTakenOverOnceItExpires()
    {
        var worker = await A.AsSystemAsync((_, db) => db.Users.Where(u => u.UserName == DemoAccounts.MaintenanceWorker).Select(u => u.Id).SingleAsync());
        var until = nodes.Clock.GetUtcNow().UtcDateTime + OutboxDispatcher.ClaimTime;
        // A node claimed these messages and died before sending them. They are written claimed (never free for a
        // moment), since a dispatch pass may be running on either node at any time.
        await A.AsSystemAsync(async (sp, db) =>
        {
            var outbox = sp.GetRequiredService<NotificationOutbox>();
            outbox.Add(NotificationChannel.WeChat, worker, "openid-worker", "CQ0007 困人", "CQ0007 困人，请立即前往");
            outbox.Add(NotificationChannel.Sms, worker, "13800000001", "CQ0007 困人", "CQ0007 困人，请立即前往");
            foreach (var claimed in db.ChangeTracker.Entries<Notification>().Select(e => e.Entity))
            {
                (claimed.ClaimedBy, claimed.ClaimedUntilUtc) = ("crashed/1", until);
            }
            return await db.SaveChangesAsync();
        });

        nodes.Clock.Advance(OutboxDispatcher.ClaimTime - TimeSpan.FromSeconds(1));
        await nodes.BothAsync(node => TwoNodes.Get<OutboxDispatcher>(node).DispatchDueAsync(default));
        var whileClaimed = RemoteSendsMentioning("CQ0007");
        nodes.Clock.Advance(TimeSpan.FromSeconds(1));
        await nodes.BothAsync(node => TwoNodes.Get<OutboxDispatcher>(node).DispatchDueAsync(default));
        await nodes.BothAsync(node => TwoNodes.Get<OutboxDispatcher>(node).DispatchDueAsync(default));

        Assert.Equal(0, whileClaimed);
        Assert.Equal(2, RemoteSendsMentioning("CQ0007"));
    }

    [Fact]
    public async Task TwoRescuesStartedAtOnceOnTwoNodesGiveOneOrder()
    {
        var elevatorId = await ElevatorAsync("CQ0008");

        var (onA, onB) = await nodes.BothAsync(async node =>
        {
            await using var scope = await node.ScopeAsAsync(DemoAccounts.MaintenanceManager);
            return await scope.ServiceProvider.GetRequiredService<RepairService>().StartRescueAsync(elevatorId, null, default);
        });

        var orders = await A.AsSystemAsync((_, db) => db.RepairOrders.AsNoTracking().Include(o => o.Steps).Where(o => o.ElevatorId == elevatorId).ToListAsync());
        var order = Assert.Single(orders);
        Assert.Equal(RepairOrderSource.Rescue, order.Source);
        Assert.Single(order.Steps, s => s.Action == RepairAction.StartRescue);
        Assert.Equal((order.Id, order.Id), (onA.Order.Id, onB.Order.Id));
        // One start raised the order; the other found it started.
        Assert.Equal(1, new[] { onA, onB }.Count(s => s.Raised));
        Assert.Equal(1, new[] { onA, onB }.Count(s => s.AlreadyStarted));
    }

    [Fact]
    public async Task ACookieAndATokenMintedOnOneNodeAreAcceptedByTheOther()
    {
        var cookies = new System.Net.CookieContainer();
        var onA = A.CreateDefaultClient(new CookieContainerHandler(cookies));
        var signIn = await SignInForm.PostAsync(onA, DemoAccounts.Supervisor, DemoAccounts.Password);
        var onB = B.CreateDefaultClient(new CookieContainerHandler(cookies));
        var withCookie = await onB.GetAsync("/api/v1/me");

        var api = await A.CreateApiClientAsync(DemoAccounts.Supervisor, DemoAccounts.Password);
        var bearerOnB = B.CreateClient();
        bearerOnB.DefaultRequestHeaders.Authorization = api.DefaultRequestHeaders.Authorization;
        var withToken = await bearerOnB.GetAsync("/api/v1/me");
        var stranger = B.CreateClient();
        stranger.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", api.DefaultRequestHeaders.Authorization!.Parameter + "x");
        var forged = await stranger.GetAsync("/api/v1/me");

        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal(HttpStatusCode.OK, withCookie.StatusCode);
        Assert.Equal(HttpStatusCode.OK, withToken.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
        Assert.Equal(TwoNodes.Get<SymmetricSecurityKey>(A).Key, TwoNodes.Get<SymmetricSecurityKey>(B).Key);
    }

    [Fact]
    public async Task APasswordChangedOnOneNodeEndsTheTokenOnTheOther()
    {
        await A.CreateAccountLikeAsync(DemoAccounts.MaintenanceWorker, "cluster-worker", "Old@Pass2026", mustChangePassword: false);
        var onA = await A.CreateApiClientAsync("cluster-worker", "Old@Pass2026");
        var onB = B.CreateClient();
        onB.DefaultRequestHeaders.Authorization = onA.DefaultRequestHeaders.Authorization;
        var before = await onB.GetAsync("/api/v1/me");

        var change = await onA.PostAsJsonAsync("/api/v1/me/password", new ChangePasswordRequest("Old@Pass2026", "New@Pass2026"));
        // Node B checks an account against the database at most every AccountSessionCheck.CacheTime.
        nodes.Clock.Advance(AccountSessionCheck.CacheTime + TimeSpan.FromSeconds(1));
        var after = await onB.GetAsync("/api/v1/me");

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, change.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
    }

    [Fact]
    public async Task NodesStartingTogetherAgreeOnOneKey()
    {
        // Eight nodes' worth of first starts at once, half on each host: every one must come back with the same key.
        using var start = new ManualResetEventSlim();
        var asks = Enumerable.Range(0, 8)
            .Select(i => Task.Run(() => { start.Wait(); return TwoNodes.Get<SharedKeys>(i % 2 == 0 ? A : B).GetOrCreate("cluster-test-key", 64); }))
            .ToList();
        start.Set();
        var keys = await Task.WhenAll(asks);

        var stored = await A.AsSystemAsync((_, db) => db.SharedKeys.AsNoTracking().Where(k => k.Name == "cluster-test-key").ToListAsync());
        var row = Assert.Single(stored);
        Assert.All(keys, k => Assert.Equal(Convert.FromBase64String(row.Value), k));
        Assert.Equal(64, keys[0].Length);
    }
}
