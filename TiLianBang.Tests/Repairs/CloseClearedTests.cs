using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TiLianBang.Core.Common;
using TiLianBang.Core.Demo;
using TiLianBang.Core.Organizations;
using TiLianBang.Core.Repairs;
using TiLianBang.Tests.Infrastructure;

namespace TiLianBang.Tests.Repairs;

/// <summary>
/// 批量关闭已恢复工单: stale alarms whose fault cleared by itself are closed by a reviewer with a reason, all or
/// nothing, each with its own 关闭 step, and audit-logged like every write.
/// </summary>
public sealed class CloseClearedTests(TiLianBangAppFactory app) : IClassFixture<TiLianBangAppFactory>
{
    // Demo elevators CQ0003, CQ0006, CQ0009 … belong to the other maintainer (weibao2); these tests use 重庆渝安's.
    private const string Reason = "设备已自行恢复，电话确认运行正常";

    private async Task<(int ElevatorId, GeoPoint Site)> ElevatorAsync(int index) => await app.AsSystemAsync(async (_, db) =>
    {
        var number = $"CQ{index:D4}";
        var e = await db.Elevators.Include(x => x.Community).SingleAsync(x => x.Number == number);
        return (e.Id, e.Community!.Location);
    });

    private async Task<int> RaiseAsync(int elevatorIndex, bool clear, int code = 3)
    {
        var (elevatorId, _) = await ElevatorAsync(elevatorIndex);
        var (order, _) = await app.AsSystemAsync((sp, _) => sp.GetRequiredService<RepairService>().RaiseFromFaultAsync(elevatorId, code, false, "门锁回路断开", default));
        if (clear)
        {
            await app.AsSystemAsync(async (sp, _) =>
            {
                await sp.GetRequiredService<RepairService>().FaultClearedAsync(elevatorId, code, default);
                return true;
            });
        }
        return order.Id;
    }

    private async Task<T> AsAsync<T>(string userName, Func<RepairService, Task<T>> work)
    {
        await using var scope = await app.ScopeAsAsync(userName);
        return await work(scope.ServiceProvider.GetRequiredService<RepairService>());
    }

    private Task<RepairOrder> StoredAsync(int orderId) =>
        app.AsSystemAsync((_, db) => db.RepairOrders.Include(o => o.Steps).AsNoTracking().SingleAsync(o => o.Id == orderId));

    [Fact]
    public async Task ClearedOrdersAreClosedTogetherEachWithTheReasonOnItsTimeline()
    {
        var waiting = await RaiseAsync(1, clear: true);
        var accepted = await RaiseAsync(2, clear: true);
        var (_, site) = await ElevatorAsync(2);
        await AsAsync(DemoAccounts.MaintenanceWorker, s => s.ApplyAsync(accepted, RepairAction.Accept, new() { Position = site }, default));
        var listed = await AsAsync(DemoAccounts.MaintenanceManager, s => s.ListAsync(new RepairOrderQuery { Cleared = true }, default));

        var closed = await AsAsync(DemoAccounts.MaintenanceManager, s => s.CloseClearedAsync([waiting, accepted], "  " + Reason + " ", default));

        // Other tests of this class leave cleared orders of their own.
        Assert.Contains(listed, o => o.Id == waiting);
        Assert.Contains(listed, o => o.Id == accepted);
        Assert.All(listed, o => Assert.True(o.IsCleared));
        Assert.Equal(2, closed);
        foreach (var id in new[] { waiting, accepted })
        {
            var order = await StoredAsync(id);
            Assert.Equal(RepairOrderState.Closed, order.State);
            Assert.NotNull(order.ClosedAtUtc);
            var step = order.Steps.OrderBy(s => s.Id).Last();
            Assert.Equal(RepairAction.Close, step.Action);
            Assert.Equal(RepairOrderState.Closed, step.State);
            Assert.Equal(Reason, step.Note);
            Assert.Equal(DemoAccounts.MaintenanceManager, step.UserName);
            var logged = await app.AsSystemAsync((_, db) => db.OperationLogs.AnyAsync(l => l.Target == $"RepairOrder#{id}" && l.UserName == DemoAccounts.MaintenanceManager));
            Assert.True(logged, $"closing RepairOrder#{id} is in the operation log");
        }
        Assert.DoesNotContain(await AsAsync(DemoAccounts.MaintenanceManager, s => s.ListAsync(new RepairOrderQuery { Cleared = true }, default)),
            o => o.Id == waiting || o.Id == accepted);
    }

    [Fact]
    public async Task OneOrderWhoseFaultHasNotClearedRefusesTheWholeBatch()
    {
        var cleared = await RaiseAsync(4, clear: true);
        var stillFaulty = await RaiseAsync(5, clear: false);

        var refused = await Assert.ThrowsAsync<DomainException>(() =>
            AsAsync(DemoAccounts.MaintenanceManager, s => s.CloseClearedAsync([cleared, stillFaulty], Reason, default)));

        Assert.Equal("repair.not_cleared", refused.Code);
        Assert.Equal(DomainErrorKind.Conflict, refused.Kind);
        var untouched = await StoredAsync(cleared);
        Assert.Equal(RepairOrderState.Created, untouched.State);
        Assert.Null(untouched.ClosedAtUtc);
        Assert.DoesNotContain(untouched.Steps, s => s.Action == RepairAction.Close);
    }

    [Fact]
    public async Task AnOrderWithAWorkerOnSiteIsNotClosedThisWayNorAreOthersWithIt()
    {
        var cleared = await RaiseAsync(7, clear: true);
        var onSite = await RaiseAsync(8, clear: true);
        var (_, site) = await ElevatorAsync(8);
        await AsAsync(DemoAccounts.MaintenanceWorker, s => s.ApplyAsync(onSite, RepairAction.Accept, new() { Position = site }, default));
        await AsAsync(DemoAccounts.MaintenanceWorker, s => s.ApplyAsync(onSite, RepairAction.SignIn, new() { Position = site }, default));

        var refused = await Assert.ThrowsAsync<DomainException>(() =>
            AsAsync(DemoAccounts.MaintenanceManager, s => s.CloseClearedAsync([cleared, onSite], Reason, default)));

        Assert.Equal("repair.illegal_transition", refused.Code);
        Assert.Contains("已签到", refused.Message);
        Assert.Equal(RepairOrderState.Created, (await StoredAsync(cleared)).State);
        Assert.Equal(RepairOrderState.SignedIn, (await StoredAsync(onSite)).State);
    }

    [Fact]
    public async Task OnlyAReviewerWithAReasonMayCloseAndOnlyOrdersTheySee()
    {
        var cleared = await RaiseAsync(10, clear: true);

        var worker = await Assert.ThrowsAsync<DomainException>(() =>
            AsAsync(DemoAccounts.MaintenanceWorker, s => s.CloseClearedAsync([cleared], Reason, default)));
        var noReason = await Assert.ThrowsAsync<ValidationException>(() =>
            AsAsync(DemoAccounts.MaintenanceManager, s => s.CloseClearedAsync([cleared], " ", default)));
        var nothing = await Assert.ThrowsAsync<ValidationException>(() =>
            AsAsync(DemoAccounts.MaintenanceManager, s => s.CloseClearedAsync([], Reason, default)));
        var foreign = await Assert.ThrowsAsync<DomainException>(() =>
            AsAsync(DemoAccounts.OtherMaintenanceManager, s => s.CloseClearedAsync([cleared], Reason, default)));

        Assert.Equal(DomainErrorKind.Forbidden, worker.Kind);
        Assert.Contains("Reason", noReason.Errors.Keys);
        Assert.Contains("Ids", nothing.Errors.Keys);
        Assert.Equal(DomainErrorKind.NotFound, foreign.Kind);
        Assert.Equal(RepairOrderState.Created, (await StoredAsync(cleared)).State);
    }
}
