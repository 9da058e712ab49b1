using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TiLianBang.Core.Common;
using TiLianBang.Core.Demo;
using TiLianBang.Core.Devices.Protocol;
using TiLianBang.Core.Health;
using TiLianBang.Core.Repairs;
using TiLianBang.Tests.Infrastructure;

namespace TiLianBang.Tests.Health;

/// <summary>
/// 困人研判 against the collector's own 困人 (code 11 over MQTT): the device settles an open suspicion and joins a
/// confirmed one's order; either way the elevator has one trapped-passenger order. And a suspicion is decided only
/// by the elevator's own maintenance company, once.
/// </summary>
public sealed class EntrapmentFromDeviceTests(TiLianBangAppFactory app) : IClassFixture<TiLianBangAppFactory>
{
    private Task<SuspectedEntrapment?> RaiseAsync(DemoCollector collector) =>
        app.AsSystemAsync((services, _) => services.GetRequiredService<EntrapmentDesk>().RaiseAsync(
            new StuckCar(collector.ElevatorId, collector.DeviceId, app.Clock.GetUtcNow().AddSeconds(-40), 6, DoorState.Closed, ServiceMode.Normal, 30),
            default));

    private Task<List<RepairOrder>> OrdersAsync(int elevatorId) =>
        app.AsSystemAsync((_, db) => db.RepairOrders.AsNoTracking().Where(o => o.ElevatorId == elevatorId).ToListAsync());

    private Task<SuspectedEntrapment> SuspicionAsync(int id) =>
        app.AsSystemAsync((_, db) => db.SuspectedEntrapments.AsNoTracking().SingleAsync(s => s.Id == id));

    private async Task DeviceReportsTrappedAsync(DemoCollector collector, string eventId)
    {
        using (var device = await MqttTestClient.ConnectAsync(app.MqttPort, collector))
        {
            await device.PublishAsync(collector.Topic("event"), $$"""{"id":"{{eventId}}","code":11,"state":1,"floor":6}""");
        }
        await app.FlushDeviceRecordsAsync();
    }

    private async Task<T> AsAsync<T>(string userName, Func<EntrapmentDesk, Task<T>> work)
    {
        await using var scope = await app.ScopeAsAsync(userName);
        return await work(scope.ServiceProvider.GetRequiredService<EntrapmentDesk>());
    }

    [Fact]
    public async Task TheDevicesTrappedEventConfirmsAnOpenSuspicionWithTheDevicesOrder()
    {
        var collector = await DemoCollector.OfElevatorAsync(app, 22);
        var suspicion = await RaiseAsync(collector);
        Assert.NotNull(suspicion);

        await DeviceReportsTrappedAsync(collector, "dev-trapped-1");

        var order = Assert.Single(await OrdersAsync(collector.ElevatorId));
        Assert.Equal(RepairOrderSource.Device, order.Source);
        Assert.Equal(RepairService.TrappedCode, order.FaultCode);
        Assert.Equal(1, order.Occurrences);
        var settled = await SuspicionAsync(suspicion!.Id);
        Assert.Equal(SuspectedEntrapmentStatus.ConfirmedByDevice, settled.Status);
        Assert.Equal(order.Id, settled.RepairOrderId);
        Assert.NotNull(settled.DecidedAtUtc);
        Assert.Null(settled.DecidedBy);
        Assert.Equal(new RuleOutcomes(1, 0), (await AsAsync(DemoAccounts.MaintenanceManager, d => d.OutcomesAsync([collector.ElevatorId], default)))[collector.ElevatorId]);
        // Beside the device's open trapped order the rule raises nothing more.
        Assert.Null(await RaiseAsync(collector));
    }

    [Fact]
    public async Task TheDevicesTrappedEventAfterAConfirmedSuspicionJoinsTheConfirmedOrder()
    {
        var collector = await DemoCollector.OfElevatorAsync(app, 23);
        var suspicion = await RaiseAsync(collector);
        var orderId = await AsAsync(DemoAccounts.MaintenanceManager, d => d.ConfirmAsync(suspicion!.Id, default));

        await DeviceReportsTrappedAsync(collector, "dev-trapped-2");

        var order = Assert.Single(await OrdersAsync(collector.ElevatorId));
        Assert.Equal(orderId, order.Id);
        Assert.Equal(RepairOrderSource.Inferred, order.Source);
        Assert.Equal(2, order.Occurrences);
        var confirmed = await SuspicionAsync(suspicion!.Id);
        Assert.Equal(SuspectedEntrapmentStatus.Confirmed, confirmed.Status);
        Assert.Equal(orderId, confirmed.RepairOrderId);
    }

    [Fact]
    public async Task OnlyTheElevatorsMaintenanceCompanyDecidesASuspicionAndOnlyOnce()
    {
        // CQ0025 is 渝安's (weibao); weibao2 works for the other maintenance company.
        var collector = await DemoCollector.OfElevatorAsync(app, 25);
        var suspicion = (await RaiseAsync(collector))!;

        Assert.DoesNotContain(await AsAsync(DemoAccounts.OtherMaintenanceManager, d => d.OpenAsync(default)), s => s.Id == suspicion.Id);
        var hidden = await Assert.ThrowsAsync<DomainException>(() => AsAsync(DemoAccounts.OtherMaintenanceManager, d => d.ConfirmAsync(suspicion.Id, default)));
        Assert.Equal(DomainErrorKind.NotFound, hidden.Kind);
        hidden = await Assert.ThrowsAsync<DomainException>(() => AsAsync(DemoAccounts.OtherMaintenanceManager, async d => { await d.DismissAsync(suspicion.Id, null, default); return 0; }));
        Assert.Equal(DomainErrorKind.NotFound, hidden.Kind);
        var view = Assert.Single(await AsAsync(DemoAccounts.MaintenanceManager, d => d.OpenAsync(default)), s => s.Id == suspicion.Id);
        Assert.Equal(6, view.Floor);
        Assert.Equal(30, view.LoadPercent);

        var tooLong = await Assert.ThrowsAsync<ValidationException>(() =>
            AsAsync(DemoAccounts.MaintenanceManager, async d => { await d.DismissAsync(suspicion.Id, new string('检', 201), default); return 0; }));
        Assert.Contains("Note", tooLong.ChineseErrors.Keys);
        Assert.Equal(SuspectedEntrapmentStatus.Open, (await SuspicionAsync(suspicion.Id)).Status);

        await AsAsync(DemoAccounts.MaintenanceManager, async d => { await d.DismissAsync(suspicion.Id, "  ", default); return 0; });
        var dismissed = await SuspicionAsync(suspicion.Id);
        Assert.Equal(SuspectedEntrapmentStatus.Dismissed, dismissed.Status);
        Assert.Null(dismissed.Note);
        var twice = await Assert.ThrowsAsync<DomainException>(() => AsAsync(DemoAccounts.MaintenanceManager, d => d.ConfirmAsync(suspicion.Id, default)));
        Assert.Equal(DomainErrorKind.Conflict, twice.Kind);
        Assert.Empty(await OrdersAsync(collector.ElevatorId));
    }
}
