using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TiLianBang.Core.Common;
using TiLianBang.Core.Demo;
using TiLianBang.Core.Notifications;
using TiLianBang.Core.Repairs;
using TiLianBang.Tests.Infrastructure;

namespace TiLianBang.Tests.Repairs;

/// <summary>故障接警: the desk assigns an order to a worker, who is told and is then the only one who may accept it.</summary>
public sealed class AssignmentTests(TiLianBangAppFactory app) : IClassFixture<TiLianBangAppFactory>
{
    private async Task<T> AsAsync<T>(string user, Func<RepairService, Task<T>> work)
    {
        await using var scope = await app.ScopeAsAsync(user);
        return await work(scope.ServiceProvider.GetRequiredService<RepairService>());
    }

    [Fact]
    public async Task AnAssignedWorkerIsToldAndIsTheOnlyOneWhoMayAccept()
    {
        var (elevatorId, site) = await app.AsSystemAsync(async (_, db) =>
        {
            var e = await db.Elevators.Include(x => x.Community).SingleAsync(x => x.Number == "CQ0019");
            return (e.Id, e.Community!.Location);
        });
        var (order, _) = await app.AsSystemAsync((sp, _) => sp.GetRequiredService<RepairService>().RaiseFromFaultAsync(elevatorId, 11, true, "困人", default));
        var worker = await app.AsSystemAsync((_, db) => db.Users.SingleAsync(u => u.UserName == DemoAccounts.MaintenanceWorker));

        var notAllowed = await Assert.ThrowsAsync<DomainException>(() => AsAsync(DemoAccounts.MaintenanceWorker, s => s.AssignAsync(order.Id, worker.Id, default)));
        var notAWorker = await Assert.ThrowsAsync<ValidationException>(() => AsAsync(DemoAccounts.MaintenanceManager, s => s.AssignAsync(order.Id, 99999, default)));
        await AsAsync(DemoAccounts.MaintenanceManager, s => s.AssignAsync(order.Id, worker.Id, default));
        var otherAccepts = await Assert.ThrowsAsync<DomainException>(() => AsAsync(DemoAccounts.MaintenanceManager, s => s.ApplyAsync(order.Id, RepairAction.Accept, new() { Position = site }, default)));
        await AsAsync(DemoAccounts.MaintenanceWorker, s => s.ApplyAsync(order.Id, RepairAction.Accept, new() { Position = site }, default));

        Assert.Equal(DomainErrorKind.Forbidden, notAllowed.Kind);
        Assert.Contains("WorkerId", notAWorker.Errors.Keys);
        Assert.Equal(DomainErrorKind.Forbidden, otherAccepts.Kind);
        var stored = await app.AsSystemAsync((_, db) => db.RepairOrders.Include(o => o.Steps).SingleAsync(o => o.Id == order.Id));
        Assert.Equal(RepairOrderState.Accepted, stored.State);
        Assert.Contains(stored.Steps, s => s.Note == "指派给 李师傅" && s.UserName == DemoAccounts.MaintenanceManager);
        Assert.True(await app.AsSystemAsync((_, db) => db.Notifications.AnyAsync(n => n.AccountId == worker.Id && n.Title == "派单 CQ0019" && n.Channel == NotificationChannel.InApp)));
    }

    [Fact]
    public async Task TheDeskAcceptsOnBehalfOfTheAssignedWorkerOnlyWithANote()
    {
        var elevatorId = await app.AsSystemAsync((_, db) => db.Elevators.Where(e => e.Number == "CQ0020").Select(e => e.Id).SingleAsync());
        var (order, _) = await app.AsSystemAsync((sp, _) => sp.GetRequiredService<RepairService>().RaiseFromFaultAsync(elevatorId, 11, true, "困人", default));
        var worker = await app.AsSystemAsync((_, db) => db.Users.SingleAsync(u => u.UserName == DemoAccounts.MaintenanceWorker));

        var unassigned = await Assert.ThrowsAsync<DomainException>(() => AsAsync(DemoAccounts.MaintenanceManager, s => s.AcceptOnBehalfAsync(order.Id, "电话确认", default)));
        await AsAsync(DemoAccounts.MaintenanceManager, s => s.AssignAsync(order.Id, worker.Id, default));
        var noNote = await Assert.ThrowsAsync<ValidationException>(() => AsAsync(DemoAccounts.MaintenanceManager, s => s.AcceptOnBehalfAsync(order.Id, " ", default)));
        var accepted = await AsAsync(DemoAccounts.MaintenanceManager, s => s.AcceptOnBehalfAsync(order.Id, "电话确认 10:02", default));
        var twice = await Assert.ThrowsAsync<DomainException>(() => AsAsync(DemoAccounts.MaintenanceManager, s => s.AcceptOnBehalfAsync(order.Id, "again", default)));

        Assert.Equal("repair.not_assigned", unassigned.Code);
        Assert.Contains("Note", noNote.Errors.Keys);
        Assert.Equal(RepairOrderState.Accepted, accepted.State);
        Assert.Equal(worker.Id, accepted.AssignedWorkerId);
        Assert.Equal("repair.illegal_transition", twice.Code);
        var step = await app.AsSystemAsync((_, db) => db.RepairOrders.Where(o => o.Id == order.Id).SelectMany(o => o.Steps).OrderBy(s => s.Id).LastAsync());
        Assert.Equal("代 李师傅 接警：电话确认 10:02", step.Note);
        Assert.Equal(DemoAccounts.MaintenanceManager, step.UserName);
    }
}
