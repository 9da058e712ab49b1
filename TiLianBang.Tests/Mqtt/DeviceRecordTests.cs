using Microsoft.EntityFrameworkCore;
using MQTTnet;
using TiLianBang.Tests.Infrastructure;

namespace TiLianBang.Tests.Mqtt;

/// <summary>What must last is recorded once: duplicate events add nothing, a counter going backwards is a reset.</summary>
public sealed class DeviceRecordTests(TiLianBangAppFactory app) : IClassFixture<TiLianBangAppFactory>
{
    [Fact]
    public async Task ARepeatedEventIdIsRecordedOnceAndChangesNothing()
    {
        var collector = await DemoCollector.OfElevatorAsync(app, 40);
        using var device = await MqttTestClient.ConnectAsync(app.MqttPort, collector);
        const string raised = """{"id":"e-dup-1","code":2,"state":1,"floor":3}""";

        var first = await device.PublishAsync(collector.Topic("event"), raised);
        var cleared = await device.PublishAsync(collector.Topic("event"), """{"id":"e-dup-2","code":2,"state":0}""");
        var again = await device.PublishAsync(collector.Topic("event"), raised);

        Assert.True(first.IsSuccess);
        Assert.True(cleared.IsSuccess);
        Assert.True(again.IsSuccess);
        var state = await app.WaitForAsync(collector.ElevatorId, s => s.Online);
        Assert.DoesNotContain(2, state.ActiveFaults);
        await app.FlushDeviceRecordsAsync();
        var records = await app.AsSystemAsync((_, db) => db.ElevatorEvents.Where(e => e.DeviceId == collector.DeviceId).ToListAsync());
        Assert.Equal(2, records.Count);
        Assert.Single(records, r => r.EventId == "e-dup-1");
    }

    [Fact]
    public async Task ACounterGoingBackwardsIsRecordedAsAReset()
    {
        var collector = await DemoCollector.OfElevatorAsync(app, 41);
        using var device = await MqttTestClient.ConnectAsync(app.MqttPort, collector);

        await device.PublishAsync(collector.Topic("stats"), """{"runs":5000,"runHours":800.5,"doorCycles":9000}""");
        await device.PublishAsync(collector.Topic("stats"), """{"runs":5010,"runHours":801,"doorCycles":9020}""");
        await device.PublishAsync(collector.Topic("stats"), """{"runs":12,"runHours":0.5,"doorCycles":9030}""");

        await app.FlushDeviceRecordsAsync();
        var readings = await app.AsSystemAsync((_, db) => db.CounterReadings.Where(c => c.DeviceId == collector.DeviceId).OrderBy(c => c.Id).ToListAsync());
        Assert.Equal([false, false, true], readings.Select(r => r.IsReset));
        Assert.Equal("runs, runHours", readings[2].ResetCounters);
    }

    [Fact]
    public async Task StateHistoryKeepsTripsNotEveryMessage()
    {
        var collector = await DemoCollector.OfElevatorAsync(app, 42);
        using var device = await MqttTestClient.ConnectAsync(app.MqttPort, collector);
        string State(int seq, int run, int floor) => $$"""{"seq":{{seq}},"mode":1,"run":{{run}},"dir":{{run}},"floor":{{floor}},"door":2}""";

        await device.PublishAsync(collector.Topic("state"), State(1, 0, 1));
        await device.PublishAsync(collector.Topic("state"), State(2, 1, 1));
        await device.PublishAsync(collector.Topic("state"), State(3, 1, 2));
        await device.PublishAsync(collector.Topic("state"), State(4, 1, 3));
        await device.PublishAsync(collector.Topic("state"), State(5, 0, 4));
        await app.WaitForAsync(collector.ElevatorId, s => s.Sequence == 5);

        await app.FlushDeviceRecordsAsync();
        var history = await app.AsSystemAsync((_, db) => db.StateChanges.Where(s => s.ElevatorId == collector.ElevatorId).OrderBy(s => s.Id).ToListAsync());
        Assert.Equal([(false, 1), (true, 1), (false, 4)], history.Select(h => (h.Running, h.Floor)));
    }
}
