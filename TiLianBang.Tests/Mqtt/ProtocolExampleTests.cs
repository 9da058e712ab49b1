using Microsoft.EntityFrameworkCore;
using MQTTnet;
using TiLianBang.Core.Devices;
using TiLianBang.Core.Devices.Protocol;
using TiLianBang.Tests.Infrastructure;

namespace TiLianBang.Tests.Mqtt;

/// <summary>
/// Every example of PROTOCOL.md, sent as written over real TCP to the real broker, shows up in the live state and
/// the records. Examples that contain "…" placeholders are sent with concrete values in their place.
/// </summary>
public sealed class ProtocolExampleTests(TiLianBangAppFactory app) : IClassFixture<TiLianBangAppFactory>
{
    private const string StateExample = """{"ts":1764000000123,"seq":8812,"mode":1,"run":1,"dir":1,"floor":7,"door":2,"zone":0,"people":1,"load":35,"speed":1.6,"calls":{"car":[12],"up":[],"down":[3]}}""";
    private const string EventExample = """{"id":"e-000451","ts":1764000000999,"code":11,"state":1,"floor":7,"detail":{"levelled":false,"current":12.5}}""";
    private const string InfoExample = """{"fw":"2.1.0","model":"JJ-100","imei":"868123456789012","iccid":"…","signal":23,"heartbeat":30}""";

    [Fact]
    public async Task StateExampleBecomesTheLiveState()
    {
        var collector = await DemoCollector.OfElevatorAsync(app, 1);
        using var device = await MqttTestClient.ConnectAsync(app.MqttPort, collector);
        var seen = app.WaitForAsync(collector.ElevatorId, s => s.Sequence == 8812);

        var ack = await device.PublishAsync(collector.Topic("state"), StateExample);

        Assert.True(ack.IsSuccess);
        var state = await seen;
        Assert.True(state.Online);
        Assert.Equal(ServiceMode.Normal, state.Mode);
        Assert.True(state.Running);
        Assert.Equal(CarDirection.Up, state.Direction);
        Assert.Equal(7, state.Floor);
        Assert.Equal("7", state.FloorLabel);
        Assert.Equal(DoorState.Closed, state.Door);
        Assert.False(state.InDoorZone);
        Assert.True(state.PassengerInCar);
        Assert.Equal(35, state.LoadPercent);
        Assert.Equal(1.6, state.Speed);
        Assert.Equal([12], state.Calls.Car);
        Assert.Empty(state.Calls.Up);
        Assert.Equal([3], state.Calls.Down);
    }

    [Fact]
    public async Task StateFloorIsShownThroughTheElevatorsFloorMap()
    {
        // Demo elevator 6 stands in 解放碑·时代大厦, whose landings 1 and 2 are B2 and B1.
        var collector = await DemoCollector.OfElevatorAsync(app, 6);
        using var device = await MqttTestClient.ConnectAsync(app.MqttPort, collector);
        var seen = app.WaitForAsync(collector.ElevatorId, s => s.Sequence == 8812);

        await device.PublishAsync(collector.Topic("state"), StateExample.Replace("\"floor\":7", "\"floor\":1", StringComparison.Ordinal));

        Assert.Equal("B2", (await seen).FloorLabel);
    }

    [Fact]
    public async Task TrappedPassengerEventExampleRaisesTheFaultAndIsRecorded()
    {
        var collector = await DemoCollector.OfElevatorAsync(app, 2);
        using var device = await MqttTestClient.ConnectAsync(app.MqttPort, collector);
        var seen = app.WaitForAsync(collector.ElevatorId, s => s.PassengersTrapped);

        var ack = await device.PublishAsync(collector.Topic("event"), EventExample);

        Assert.True(ack.IsSuccess);
        Assert.Contains(DefaultFaultCodes.PassengersTrapped, (await seen).ActiveFaults);
        await app.FlushDeviceRecordsAsync();
        var record = await app.AsSystemAsync((_, db) => db.ElevatorEvents.SingleAsync(e => e.DeviceId == collector.DeviceId && e.EventId == "e-000451"));
        Assert.Equal(collector.ElevatorId, record.ElevatorId);
        Assert.Equal(11, record.Code);
        Assert.True(record.Raised);
        Assert.Equal(7, record.Floor);
        Assert.Equal("""{"levelled":false,"current":12.5}""", record.DetailJson);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1764000000999).UtcDateTime, record.DeviceTimeUtc);
    }

    [Fact]
    public async Task IoExampleShowsEachPoint()
    {
        var collector = await DemoCollector.OfElevatorAsync(app, 3);
        using var device = await MqttTestClient.ConnectAsync(app.MqttPort, collector);
        var seen = app.WaitForAsync(collector.ElevatorId, s => s.IoAt is not null);

        await device.PublishAsync(collector.Topic("io"), """{"ts":1764000001000,"in":[0,1,1,0],"out":[1,0]}""");

        var state = await seen;
        Assert.Equal([false, true, true, false], state.Inputs);
        Assert.Equal([true, false], state.Outputs);
    }

    [Fact]
    public async Task StatsExampleIsRecordedAndShown()
    {
        var collector = await DemoCollector.OfElevatorAsync(app, 4);
        using var device = await MqttTestClient.ConnectAsync(app.MqttPort, collector);
        var seen = app.WaitForAsync(collector.ElevatorId, s => s.Counters is not null);

        await device.PublishAsync(collector.Topic("stats"), """{"ts":1764000001000,"runs":123456,"runHours":5321.5,"doorCycles":234567,"distance":1234567}""");

        var counters = (await seen).Counters!;
        Assert.Equal(123456, counters.Runs);
        Assert.Equal(5321.5, counters.RunHours);
        await app.FlushDeviceRecordsAsync();
        var reading = await app.AsSystemAsync((_, db) => db.CounterReadings.SingleAsync(c => c.DeviceId == collector.DeviceId));
        Assert.Equal(234567, reading.DoorCycles);
        Assert.Equal(1234567, reading.Distance);
        Assert.False(reading.IsReset);
    }

    [Fact]
    public async Task InfoExampleSetsDeviceFacts()
    {
        var collector = await DemoCollector.OfElevatorAsync(app, 5);
        using var device = await MqttTestClient.ConnectAsync(app.MqttPort, collector);
        var seen = app.WaitForAsync(collector.ElevatorId, s => s.Info is not null);

        var ack = await device.PublishAsync(new MqttApplicationMessageBuilder()
            .WithTopic(collector.Topic("info"))
            .WithPayload(InfoExample)
            .WithQualityOfServiceLevel(MQTTnet.Protocol.MqttQualityOfServiceLevel.AtLeastOnce)
            .WithRetainFlag()
            .Build());

        Assert.True(ack.IsSuccess);
        var info = (await seen).Info!;
        Assert.Equal("2.1.0", info.Firmware);
        Assert.Equal("868123456789012", info.Imei);
        Assert.Equal(23, info.Signal);
        Assert.Equal(30, info.HeartbeatSeconds);
    }

    [Fact]
    public async Task OnlineOneAfterConnectAndRecordedConnection()
    {
        var collector = await DemoCollector.OfElevatorAsync(app, 7);
        var seen = app.WaitForAsync(collector.ElevatorId, s => s.Online);
        using var device = await MqttTestClient.ConnectAsync(app.MqttPort, collector);

        var ack = await device.PublishAsync(new MqttApplicationMessageBuilder()
            .WithTopic(collector.Topic("online"))
            .WithPayload("1")
            .WithQualityOfServiceLevel(MQTTnet.Protocol.MqttQualityOfServiceLevel.AtLeastOnce)
            .WithRetainFlag()
            .Build());

        Assert.True(ack.IsSuccess);
        Assert.True((await seen).Online);
        await app.FlushDeviceRecordsAsync();
        var changes = await app.AsSystemAsync((_, db) => db.ConnectionChanges.Where(c => c.DeviceId == collector.DeviceId).ToListAsync());
        Assert.Contains(changes, c => c.Online && c.ElevatorId == collector.ElevatorId);
    }
}
