using Microsoft.EntityFrameworkCore;
using TiLianBang.Core.Repairs;
using TiLianBang.Tests.Infrastructure;

namespace TiLianBang.Tests.Repairs;

/// <summary>REP-1 end to end: a collector's fault over MQTT becomes one repair order, repeats join it, clears are noted.</summary>
public sealed class FaultToOrderTests(TiLianBangAppFactory app) : IClassFixture<TiLianBangAppFactory>
{
    private Task<List<RepairOrder>> OrdersAsync(int elevatorId) =>
        app.AsSystemAsync((_, db) => db.RepairOrders.Include(o => o.Steps).Where(o => o.ElevatorId == elevatorId).ToListAsync());

    [Fact]
    public async Task TrappedPassengersRaiseOneOrderThatCollectsRepeatsAndTheClear()
    {
        var collector = await DemoCollector.OfElevatorAsync(app, 20);
        using var device = await MqttTestClient.ConnectAsync(app.MqttPort, collector);

        await device.PublishAsync(collector.Topic("event"), """{"id":"t-1","code":11,"state":1,"floor":6}""");
        await device.PublishAsync(collector.Topic("event"), """{"id":"t-1","code":11,"state":1,"floor":6}""");
        await device.PublishAsync(collector.Topic("event"), """{"id":"t-2","code":11,"state":1,"floor":6}""");
        await device.PublishAsync(collector.Topic("event"), """{"id":"t-3","code":11,"state":0}""");
        await app.FlushDeviceRecordsAsync();

        var order = Assert.Single(await OrdersAsync(collector.ElevatorId));
        Assert.Equal(RepairOrderSource.Device, order.Source);
        Assert.True(order.PassengersTrapped);
        Assert.Equal(11, order.FaultCode);
        Assert.Equal("困人（第 6 层站）", order.Description);
        Assert.Equal(2, order.Occurrences);
        Assert.NotNull(order.FaultClearedAtUtc);
        Assert.Equal(RepairOrderState.Created, order.State);
        // Created, the repeat and the clear; the minutely escalation job may add its own level-1 step meanwhile.
        Assert.Equal(3, order.Steps.Count(s => s.UserName != "system:escalation"));
    }

    [Fact]
    public async Task EventsThatDoNotCreateOrdersCreateNone()
    {
        var collector = await DemoCollector.OfElevatorAsync(app, 21);
        using var device = await MqttTestClient.ConnectAsync(app.MqttPort, collector);

        await device.PublishAsync(collector.Topic("event"), """{"id":"i-1","code":43,"state":1}""");
        await device.PublishAsync(collector.Topic("event"), """{"id":"i-2","code":41,"state":1}""");
        await app.FlushDeviceRecordsAsync();

        Assert.Empty(await OrdersAsync(collector.ElevatorId));
    }
}
