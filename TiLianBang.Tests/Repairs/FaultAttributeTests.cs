using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TiLianBang.Core.Common;
using TiLianBang.Core.Demo;
using TiLianBang.Core.Repairs;
using TiLianBang.Tests.Infrastructure;

namespace TiLianBang.Tests.Repairs;

public sealed class FaultAttributeTests(TiLianBangAppFactory app) : IClassFixture<TiLianBangAppFactory>
{
    private async Task<T> AsAsync<T>(string user, Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = await app.ScopeAsAsync(user);
        return await work(scope.ServiceProvider);
    }

    [Fact]
    public async Task AttributesAreSeededEditableAndUnique()
    {
        var seeded = await AsAsync(DemoAccounts.PlatformAdmin, sp => sp.GetRequiredService<FaultAttributes>().AllAsync(default));
        var added = await AsAsync(DemoAccounts.PlatformAdmin, sp => sp.GetRequiredService<FaultAttributes>().SaveAsync(null, " 井道进水 ", "雨季", default));
        var duplicate = await Assert.ThrowsAsync<DomainException>(() => AsAsync(DemoAccounts.PlatformAdmin, sp => sp.GetRequiredService<FaultAttributes>().SaveAsync(null, "门系统", null, default)));
        var empty = await Assert.ThrowsAsync<ValidationException>(() => AsAsync(DemoAccounts.PlatformAdmin, sp => sp.GetRequiredService<FaultAttributes>().SaveAsync(null, " ", null, default)));

        Assert.Contains(seeded, a => a.Name == "门系统");
        Assert.Equal("井道进水", added.Name);
        Assert.Equal(DomainErrorKind.Conflict, duplicate.Kind);
        Assert.Contains("Name", empty.Errors.Keys);
    }

    [Fact]
    public async Task SubmittingARepairWithAnUnknownAttributeIsRefused()
    {
        var (elevatorId, site) = await app.AsSystemAsync(async (_, db) =>
        {
            var e = await db.Elevators.Include(x => x.Community).SingleAsync(x => x.Number == "CQ0004");
            return (e.Id, e.Community!.Location);
        });
        var (order, _) = await app.AsSystemAsync((sp, _) => sp.GetRequiredService<RepairService>().RaiseFromFaultAsync(elevatorId, 2, false, "关门故障", default));
        foreach (var (action, input) in new (RepairAction, RepairActionInput)[]
        {
            (RepairAction.Accept, new() { Position = site }), (RepairAction.SignIn, new() { Position = site }), (RepairAction.StartProcessing, new()),
        })
        {
            await AsAsync(DemoAccounts.MaintenanceWorker, sp => sp.GetRequiredService<RepairService>().ApplyAsync(order.Id, action, input, default));
        }

        var error = await Assert.ThrowsAsync<ValidationException>(() => AsAsync(DemoAccounts.MaintenanceWorker, sp => sp.GetRequiredService<RepairService>()
            .ApplyAsync(order.Id, RepairAction.Submit, new() { Cause = "门刀", ActionsTaken = "调整", FaultAttribute = "不存在的属性" }, default)));
        var ok = await AsAsync(DemoAccounts.MaintenanceWorker, sp => sp.GetRequiredService<RepairService>()
            .ApplyAsync(order.Id, RepairAction.Submit, new() { Cause = "门刀", ActionsTaken = "调整", FaultAttribute = "门系统" }, default));

        Assert.Contains("FaultAttribute", error.Errors.Keys);
        Assert.Equal(RepairOrderState.Submitted, ok.State);
    }
}
