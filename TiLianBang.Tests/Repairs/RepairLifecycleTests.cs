using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TiLianBang.Core.Common;
using TiLianBang.Core.Demo;
using TiLianBang.Core.Organizations;
using TiLianBang.Core.Repairs;
using TiLianBang.Tests.Infrastructure;

namespace TiLianBang.Tests.Repairs;

/// <summary>REP-1/REP-2: orders from faults, the life-cycle, and every refusal leaving the order untouched.</summary>
public sealed class RepairLifecycleTests(TiLianBangAppFactory app) : IClassFixture<TiLianBangAppFactory>
{
    // Demo elevator 1 is maintained by 重庆渝安 (weibao, worker) and stands in 金开·锦绣华庭.
    private async Task<(int ElevatorId, GeoPoint Site)> ElevatorAsync(int index) => await app.AsSystemAsync(async (_, db) =>
    {
        var number = $"CQ{index:D4}";
        var e = await db.Elevators.Include(x => x.Community).SingleAsync(x => x.Number == number);
        return (e.Id, e.Community!.Location);
    });

    private async Task<T> AsAsync<T>(string userName, Func<RepairService, Task<T>> work)
    {
        await using var scope = await app.ScopeAsAsync(userName);
        return await work(scope.ServiceProvider.GetRequiredService<RepairService>());
    }

    private Task<RepairOrder> ActAsync(string userName, int orderId, RepairAction action, RepairActionInput? input = null) =>
        AsAsync(userName, s => s.ApplyAsync(orderId, action, input ?? new RepairActionInput(), default));

    private Task<RepairOrder> StoredAsync(int orderId) =>
        app.AsSystemAsync((_, db) => db.RepairOrders.Include(o => o.Steps).AsNoTracking().SingleAsync(o => o.Id == orderId));

    private Task<(RepairOrder Order, bool Created)> RaiseAsync(int elevatorId, int code = 11) =>
        app.AsSystemAsync((services, _) => services.GetRequiredService<RepairService>().RaiseFromFaultAsync(elevatorId, code, code == 11, "困人", default));

    [Fact]
    public async Task AnOrderGoesThroughItsWholeLifeWithWhoWhenAndWhere()
    {
        var (elevator, site) = await ElevatorAsync(1);
        var near = site with { Latitude = site.Latitude + 0.003 };
        var (order, created) = await RaiseAsync(elevator);

        await ActAsync(DemoAccounts.MaintenanceWorker, order.Id, RepairAction.Accept, new() { Position = near });
        app.Clock.Advance(TimeSpan.FromMinutes(12));
        await ActAsync(DemoAccounts.MaintenanceWorker, order.Id, RepairAction.SignIn, new() { Position = site });
        await ActAsync(DemoAccounts.MaintenanceWorker, order.Id, RepairAction.StartProcessing);
        await ActAsync(DemoAccounts.MaintenanceWorker, order.Id, RepairAction.Submit, new() { Cause = "门机皮带打滑", ActionsTaken = "更换皮带，放人", FaultAttribute = "门系统" });
        await ActAsync(DemoAccounts.MaintenanceManager, order.Id, RepairAction.Approve, new() { Note = "处理及时" });
        await ActAsync(DemoAccounts.MaintenanceManager, order.Id, RepairAction.Close);

        var stored = await StoredAsync(order.Id);
        var worker = await app.AsSystemAsync((_, db) => db.Users.SingleAsync(u => u.UserName == DemoAccounts.MaintenanceWorker));
        Assert.True(created);
        Assert.StartsWith("JX", stored.Number);
        Assert.Equal(RepairOrderState.Closed, stored.State);
        Assert.Equal(worker.Id, stored.AssignedWorkerId);
        Assert.Equal(TimeSpan.FromMinutes(12), stored.SignedInAtUtc - stored.AcceptedAtUtc);
        Assert.Equal("门机皮带打滑", stored.Cause);
        var steps = stored.Steps.OrderBy(s => s.Id).ToList();
        Assert.Equal([null, RepairAction.Accept, RepairAction.SignIn, RepairAction.StartProcessing, RepairAction.Submit, RepairAction.Approve, RepairAction.Close],
            steps.Select(s => s.Action));
        Assert.Equal(near.Latitude, steps[1].Latitude);
        Assert.Equal(DemoAccounts.MaintenanceWorker, steps[1].UserName);
        Assert.Equal(DemoAccounts.MaintenanceManager, steps[5].UserName);
    }

    [Fact]
    public async Task ARepeatedFaultIsAddedToTheOpenOrderNotASecondOne()
    {
        var (elevator, _) = await ElevatorAsync(2);

        var first = await RaiseAsync(elevator, 3);
        var again = await RaiseAsync(elevator, 3);
        var other = await RaiseAsync(elevator, 2);

        Assert.True(first.Created);
        Assert.False(again.Created);
        Assert.Equal(first.Order.Id, again.Order.Id);
        Assert.Equal(2, (await StoredAsync(first.Order.Id)).Occurrences);
        Assert.True(other.Created);
    }

    [Fact]
    public async Task AcceptingFromOnePointTwoKilometresAwayIsRefusedAndChangesNothing()
    {
        var (elevator, site) = await ElevatorAsync(4);
        var (order, _) = await RaiseAsync(elevator);
        var far = site with { Latitude = site.Latitude + 0.0108 };

        var refused = await Assert.ThrowsAsync<DomainException>(() => ActAsync(DemoAccounts.MaintenanceWorker, order.Id, RepairAction.Accept, new() { Position = far }));
        var noPosition = await Assert.ThrowsAsync<ValidationException>(() => ActAsync(DemoAccounts.MaintenanceWorker, order.Id, RepairAction.Accept));

        Assert.Equal("repair.out_of_range", refused.Code);
        Assert.Contains("1.2 公里", refused.Message);
        Assert.Contains("Position", noPosition.Errors.Keys);
        var stored = await StoredAsync(order.Id);
        Assert.Equal(RepairOrderState.Created, stored.State);
        Assert.Null(stored.AssignedWorkerId);
        Assert.Single(stored.Steps);
    }

    [Fact]
    public async Task IllegalTransitionsAreRefusedWithTheStateInTheMessage()
    {
        var (elevator, site) = await ElevatorAsync(5);
        var (order, _) = await RaiseAsync(elevator);

        var skip = await Assert.ThrowsAsync<DomainException>(() => ActAsync(DemoAccounts.MaintenanceWorker, order.Id, RepairAction.SignIn, new() { Position = site }));
        var approve = await Assert.ThrowsAsync<DomainException>(() => ActAsync(DemoAccounts.MaintenanceManager, order.Id, RepairAction.Approve));

        Assert.Equal("repair.illegal_transition", skip.Code);
        Assert.Contains("待接警", skip.Message);
        Assert.Equal(DomainErrorKind.Conflict, approve.Kind);
        Assert.Equal(RepairOrderState.Created, (await StoredAsync(order.Id)).State);
    }

    [Fact]
    public async Task AnotherCompanysWorkerCannotSeeOrTouchTheOrder()
    {
        var (elevator, site) = await ElevatorAsync(7);
        var (order, _) = await RaiseAsync(elevator);

        var refused = await Assert.ThrowsAsync<DomainException>(() => ActAsync(DemoAccounts.OtherMaintenanceManager, order.Id, RepairAction.Accept, new() { Position = site }));

        Assert.Equal(DomainErrorKind.NotFound, refused.Kind);
        Assert.Equal(RepairOrderState.Created, (await StoredAsync(order.Id)).State);
    }

    [Fact]
    public async Task OnlyTheAcceptingWorkerSignsInAndSubmittingNeedsTheReport()
    {
        var (elevator, site) = await ElevatorAsync(8);
        var (order, _) = await RaiseAsync(elevator);
        await ActAsync(DemoAccounts.MaintenanceWorker, order.Id, RepairAction.Accept, new() { Position = site });

        var stranger = await Assert.ThrowsAsync<DomainException>(() => ActAsync(DemoAccounts.MaintenanceManager, order.Id, RepairAction.SignIn, new() { Position = site }));
        await ActAsync(DemoAccounts.MaintenanceWorker, order.Id, RepairAction.SignIn, new() { Position = site });
        await ActAsync(DemoAccounts.MaintenanceWorker, order.Id, RepairAction.StartProcessing);
        var empty = await Assert.ThrowsAsync<ValidationException>(() => ActAsync(DemoAccounts.MaintenanceWorker, order.Id, RepairAction.Submit));

        Assert.Equal(DomainErrorKind.Forbidden, stranger.Kind);
        Assert.Equal(["ActionsTaken", "Cause"], empty.Errors.Keys.Order());
        Assert.Equal(RepairOrderState.Processing, (await StoredAsync(order.Id)).State);
    }

    [Fact]
    public async Task ReviewCanSendBackAndCancellingNeedsAReason()
    {
        var (elevator, site) = await ElevatorAsync(10);
        var (order, _) = await RaiseAsync(elevator, 2);
        await ActAsync(DemoAccounts.MaintenanceWorker, order.Id, RepairAction.Accept, new() { Position = site });
        await ActAsync(DemoAccounts.MaintenanceWorker, order.Id, RepairAction.SignIn, new() { Position = site });
        await ActAsync(DemoAccounts.MaintenanceWorker, order.Id, RepairAction.StartProcessing);
        await ActAsync(DemoAccounts.MaintenanceWorker, order.Id, RepairAction.Submit, new() { Cause = "门刀变形", ActionsTaken = "校正" });

        var workerReview = await Assert.ThrowsAsync<DomainException>(() => ActAsync(DemoAccounts.MaintenanceWorker, order.Id, RepairAction.Approve));
        await ActAsync(DemoAccounts.MaintenanceManager, order.Id, RepairAction.SendBack, new() { Note = "请补充照片" });
        var noReason = await Assert.ThrowsAsync<ValidationException>(() => ActAsync(DemoAccounts.MaintenanceManager, order.Id, RepairAction.Cancel));
        await ActAsync(DemoAccounts.MaintenanceManager, order.Id, RepairAction.Cancel, new() { Note = "重复报修" });

        Assert.Equal(DomainErrorKind.Forbidden, workerReview.Kind);
        Assert.Contains("Note", noReason.Errors.Keys);
        var stored = await StoredAsync(order.Id);
        Assert.Equal(RepairOrderState.Cancelled, stored.State);
        Assert.Equal("重复报修", stored.CancelReason);
    }

    [Fact]
    public async Task AManualReportCreatesAnOrderForAVisibleElevatorOnly()
    {
        var (mine, _) = await ElevatorAsync(1);
        var (notMine, _) = await ElevatorAsync(2);

        var order = await AsAsync(DemoAccounts.UserUnitManager, s => s.ReportAsync(mine, "电梯异响", passengersTrapped: false, default));
        var refused = await Assert.ThrowsAsync<DomainException>(() => AsAsync(DemoAccounts.UserUnitManager, s => s.ReportAsync(notMine, "异响", false, default)));
        var empty = await Assert.ThrowsAsync<ValidationException>(() => AsAsync(DemoAccounts.UserUnitManager, s => s.ReportAsync(mine, "  ", false, default)));

        Assert.Equal(RepairOrderSource.Manual, order.Source);
        Assert.Equal(DomainErrorKind.NotFound, refused.Kind);
        Assert.Contains("Description", empty.Errors.Keys);
    }
}
