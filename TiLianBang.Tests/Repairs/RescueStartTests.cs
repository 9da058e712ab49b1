using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TiLianBang.Core.Auditing;
using TiLianBang.Core.Common;
using TiLianBang.Core.Demo;
using TiLianBang.Core.Notifications;
using TiLianBang.Core.Repairs;
using TiLianBang.Core.Statistics;
using TiLianBang.Tests.Infrastructure;
using TiLianBang.Web.Features.Repairs;

namespace TiLianBang.Tests.Repairs;

/// <summary>
/// 启动救援 (MON-5, REP-6): the rescue starts on the elevator's open trapped order or raises one like any order,
/// is recorded once with who and when, and only people allowed to rescue that company's elevators may start it.
/// Demo elevators 1, 2, 4, 5, 7 … are 渝安's (weibao, worker); 3, 6, 9 … 两江's (weibao2).
/// </summary>
public sealed class RescueStartTests(TiLianBangAppFactory app) : IClassFixture<TiLianBangAppFactory>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    private Task<int> ElevatorAsync(string number) =>
        app.AsSystemAsync((_, db) => db.Elevators.Where(e => e.Number == number).Select(e => e.Id).SingleAsync());

    private async Task<T> AsAsync<T>(string user, Func<RepairService, Task<T>> work)
    {
        await using var scope = await app.ScopeAsAsync(user);
        return await work(scope.ServiceProvider.GetRequiredService<RepairService>());
    }

    private Task<RescueStart> StartAsync(string user, int elevatorId, int? orderId = null) =>
        AsAsync(user, s => s.StartRescueAsync(elevatorId, orderId, default));

    private async Task<RepairOrder> RaiseAsync(int elevatorId, int code, bool trapped) =>
        (await app.AsSystemAsync((sp, _) => sp.GetRequiredService<RepairService>().RaiseFromFaultAsync(elevatorId, code, trapped, "测试故障", default))).Order;

    private Task<List<RepairOrder>> OrdersOfAsync(int elevatorId) =>
        app.AsSystemAsync((_, db) => db.RepairOrders.AsNoTracking().Include(o => o.Steps).Where(o => o.ElevatorId == elevatorId).OrderBy(o => o.Id).ToListAsync());

    [Fact]
    public async Task AnOpenTrappedOrderGetsTheStartOnItsTimelineAndKeepsItsState()
    {
        var elevatorId = await ElevatorAsync("CQ0010");
        var order = await RaiseAsync(elevatorId, 11, trapped: true);
        var site = (await app.AsSystemAsync((_, db) => db.Elevators.Include(e => e.Community).SingleAsync(e => e.Id == elevatorId))).Community!.Location;
        await AsAsync(DemoAccounts.MaintenanceWorker, s => s.ApplyAsync(order.Id, RepairAction.Accept, new() { Position = site }, default));
        var at = app.Clock.GetUtcNow().UtcDateTime;

        var start = await StartAsync(DemoAccounts.MaintenanceManager, elevatorId);

        Assert.Equal(order.Id, start.Order.Id);
        Assert.False(start.Raised);
        Assert.False(start.AlreadyStarted);
        Assert.Equal(DemoAccounts.MaintenanceManager, start.StartedBy);
        var orders = await OrdersOfAsync(elevatorId);
        var stored = Assert.Single(orders);
        Assert.Equal(RepairOrderState.Accepted, stored.State);
        // Raised, accepted, then the start — on the manager's name at the clock's time.
        Assert.Equal([null, RepairAction.Accept, RepairAction.StartRescue], stored.Steps.OrderBy(s => s.Id).Select(s => s.Action));
        var step = stored.Steps.OrderBy(s => s.Id).Last();
        Assert.Equal(DemoAccounts.MaintenanceManager, step.UserName);
        Assert.Equal(at, step.AtUtc);
        Assert.Equal(RepairOrderState.Accepted, step.State);
        var audited = await app.AsSystemAsync((_, db) => db.OperationLogs.AnyAsync(l =>
            l.Target == $"RepairOrderStep#{step.Id}" && l.Action == OperationAction.Create && l.UserName == DemoAccounts.MaintenanceManager));
        Assert.True(audited);
    }

    [Fact]
    public async Task WithoutAnOpenTrappedOrderOneIsRaisedDispatchedAndEscalated()
    {
        var elevatorId = await ElevatorAsync("CQ0011");
        await using (var admin = await app.ScopeAsAsync(DemoAccounts.PlatformAdmin))
        {
            await admin.ServiceProvider.GetRequiredService<Escalation>().SetLevelsAsync(elevatorId, [(EscalationTarget.Workers, 0)], default);
        }
        // An ordinary fault's open order is no rescue: the start raises its own trapped order.
        var ordinary = await RaiseAsync(elevatorId, 2, trapped: false);
        var worker = await app.AsSystemAsync((_, db) => db.Users.SingleAsync(u => u.UserName == DemoAccounts.MaintenanceWorker));

        var start = await StartAsync(DemoAccounts.MaintenanceManager, elevatorId);
        await app.Services.GetRequiredService<EscalationWatch>().RunOnceAsync(default);

        Assert.True(start.Raised);
        Assert.False(start.AlreadyStarted);
        Assert.NotEqual(ordinary.Id, start.Order.Id);
        var orders = await OrdersOfAsync(elevatorId);
        Assert.Equal(2, orders.Count);
        var raised = orders.Single(o => o.Id == start.Order.Id);
        Assert.True(raised.PassengersTrapped);
        Assert.Equal(RepairOrderSource.Rescue, raised.Source);
        Assert.Equal(RepairOrderState.Created, raised.State);
        Assert.StartsWith("JX", raised.Number, StringComparison.Ordinal);
        var steps = raised.Steps.OrderBy(s => s.Id).ToList();
        Assert.Equal("启动救援，生成困人急修工单", steps[0].Note);
        Assert.Equal(RepairAction.StartRescue, steps[1].Action);
        Assert.Equal(DemoAccounts.MaintenanceManager, steps[1].UserName);
        // Dispatched like any trapped order: the maintainer's workers are told at once, and 5级上报 watches it.
        var told = await app.AsSystemAsync((_, db) => db.Notifications.AnyAsync(n =>
            n.AccountId == worker.Id && n.Channel == NotificationChannel.InApp && n.Title == "困人急修 CQ0011"));
        Assert.True(told);
        Assert.Equal(1, (await OrdersOfAsync(elevatorId)).Single(o => o.Id == raised.Id).EscalatedLevel);
    }

    [Fact]
    public async Task StartingTwiceKeepsOneOrderAndTheFirstStartAndStatisticsCountItOnce()
    {
        var elevatorId = await ElevatorAsync("CQ0014");
        var today = DateOnly.FromDateTime(app.Clock.GetLocalNow().DateTime);
        var period = StatisticsPeriod.Of(PeriodPreset.Last7Days, today);
        async Task<int> RescuesAsync()
        {
            await using var scope = await app.ScopeAsAsync(DemoAccounts.MaintenanceManager);
            return (await scope.ServiceProvider.GetRequiredService<RescuePerformance>().ForAsync(period, default)).Orders;
        }
        var before = await RescuesAsync();
        var firstAt = app.Clock.GetUtcNow().UtcDateTime;

        var first = await StartAsync(DemoAccounts.MaintenanceManager, elevatorId);
        app.Clock.Advance(TimeSpan.FromMinutes(3));
        var second = await StartAsync(DemoAccounts.PlatformAdmin, elevatorId);
        var fromItsPage = await StartAsync(DemoAccounts.PlatformAdmin, elevatorId, first.Order.Id);

        Assert.True(first.Raised);
        Assert.Equal(first.Order.Id, second.Order.Id);
        Assert.Equal(first.Order.Id, fromItsPage.Order.Id);
        Assert.False(second.Raised);
        Assert.True(second.AlreadyStarted);
        Assert.True(fromItsPage.AlreadyStarted);
        Assert.Equal(firstAt, second.StartedAtUtc);
        Assert.Equal(DemoAccounts.MaintenanceManager, second.StartedBy);
        var order = Assert.Single(await OrdersOfAsync(elevatorId));
        Assert.Single(order.Steps, s => s.Action == RepairAction.StartRescue);
        Assert.Equal(before + 1, await RescuesAsync());
    }

    [Fact]
    public async Task PeopleStartingAtTheSameMomentLandOnOneOrder()
    {
        var elevatorId = await ElevatorAsync("CQ0013");
        Assert.DoesNotContain(await OrdersOfAsync(elevatorId), o => o.PassengersTrapped && o.State != RepairOrderState.Closed && o.State != RepairOrderState.Cancelled);

        var starts = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            Task.Run(() => StartAsync(i % 2 == 0 ? DemoAccounts.MaintenanceManager : DemoAccounts.PlatformAdmin, elevatorId))));

        var order = Assert.Single(await OrdersOfAsync(elevatorId), o => o.PassengersTrapped);
        Assert.All(starts, s => Assert.Equal(order.Id, s.Order.Id));
        Assert.Single(starts, s => s.Raised);
        Assert.Single(order.Steps, s => s.Action == RepairAction.StartRescue);
    }

    [Fact]
    public async Task ClosedOrCancelledTrappedOrdersDoNotTakeTheRescue()
    {
        var elevatorId = await ElevatorAsync("CQ0016");
        var cancelled = await RaiseAsync(elevatorId, 11, trapped: true);
        await AsAsync(DemoAccounts.MaintenanceManager, s => s.ApplyAsync(cancelled.Id, RepairAction.Cancel, new() { Note = "误报" }, default));

        var onCancelled = await Assert.ThrowsAsync<DomainException>(() => StartAsync(DemoAccounts.MaintenanceManager, elevatorId, cancelled.Id));
        var start = await StartAsync(DemoAccounts.MaintenanceManager, elevatorId);

        Assert.Equal("repair.not_rescuable", onCancelled.Code);
        Assert.Equal(DomainErrorKind.Conflict, onCancelled.Kind);
        Assert.True(start.Raised);
        var orders = await OrdersOfAsync(elevatorId);
        Assert.Equal(2, orders.Count);
        Assert.DoesNotContain(orders.Single(o => o.Id == cancelled.Id).Steps, s => s.Action == RepairAction.StartRescue);
        Assert.Equal(RepairOrderState.Created, orders.Single(o => o.Id == start.Order.Id).State);
    }

    [Fact]
    public async Task AnotherCompanyAndPeopleWithoutThePermissionAreRefused()
    {
        var elevatorId = await ElevatorAsync("CQ0017");
        var trapped = await RaiseAsync(elevatorId, 11, trapped: true);

        var otherCompany = await Assert.ThrowsAsync<DomainException>(() => StartAsync(DemoAccounts.OtherMaintenanceManager, elevatorId));
        var otherCompanyByOrder = await Assert.ThrowsAsync<DomainException>(() => StartAsync(DemoAccounts.OtherMaintenanceManager, elevatorId, trapped.Id));
        var worker = await Assert.ThrowsAsync<DomainException>(() => StartAsync(DemoAccounts.MaintenanceWorker, elevatorId));
        // The generic life-cycle path takes the same rules.
        var viaApply = await Assert.ThrowsAsync<DomainException>(() => AsAsync(DemoAccounts.MaintenanceWorker,
            s => s.ApplyAsync(trapped.Id, RepairAction.StartRescue, new(), default)));

        Assert.Equal(DomainErrorKind.NotFound, otherCompany.Kind);
        Assert.Equal(DomainErrorKind.NotFound, otherCompanyByOrder.Kind);
        Assert.Equal(DomainErrorKind.Forbidden, worker.Kind);
        Assert.Equal(DomainErrorKind.Forbidden, viaApply.Kind);
        var order = Assert.Single(await OrdersOfAsync(elevatorId));
        Assert.DoesNotContain(order.Steps, s => s.Action == RepairAction.StartRescue);
    }

    [Fact]
    public async Task TheApiStartsOnceAndTheOrderDetailShowsTheStart()
    {
        var elevatorId = await ElevatorAsync("CQ0020");
        var url = $"/api/v1/elevators/{elevatorId}/rescue";
        using var anonymous = app.CreateClient();
        using var worker = await app.CreateApiClientAsync(DemoAccounts.MaintenanceWorker, DemoAccounts.Password);
        using var outsider = await app.CreateApiClientAsync(DemoAccounts.OtherMaintenanceManager, DemoAccounts.Password);
        using var manager = await app.CreateApiClientAsync(DemoAccounts.MaintenanceManager, DemoAccounts.Password);

        var unauthenticated = await anonymous.PostAsync(url, null);
        var forbidden = await worker.PostAsync(url, null);
        var hidden = await outsider.PostAsync(url, null);
        var unknown = await manager.PostAsync("/api/v1/elevators/999999/rescue", null);
        var raised = await manager.PostAsync(url, null);
        var again = await manager.PostAsync(url, null);

        Assert.Equal(HttpStatusCode.Unauthorized, unauthenticated.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.Created, raised.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var first = (await raised.Content.ReadFromJsonAsync<RescueStartResult>(Json))!;
        var second = (await again.Content.ReadFromJsonAsync<RescueStartResult>(Json))!;
        Assert.Equal($"/api/v1/repairs/{first.OrderId}", raised.Headers.Location?.ToString());
        Assert.True(first.Raised);
        Assert.False(first.AlreadyStarted);
        Assert.Equal(first.OrderId, second.OrderId);
        Assert.False(second.Raised);
        Assert.True(second.AlreadyStarted);
        Assert.Equal(first.StartedAtUtc, second.StartedAtUtc);
        Assert.Equal(DemoAccounts.MaintenanceManager, second.StartedBy);

        // The mini-program's order detail lists the start among the steps, for the workers.
        var detail = (await worker.GetFromJsonAsync<RepairOrderDetails>($"/api/v1/repairs/{first.OrderId}", Json))!;
        Assert.True(detail.PassengersTrapped);
        var started = Assert.Single(detail.Steps, s => s.Action == RepairAction.StartRescue);
        Assert.Equal(DemoAccounts.MaintenanceManager, started.UserName);
        Assert.Equal(first.StartedAtUtc, started.AtUtc);
    }
}
