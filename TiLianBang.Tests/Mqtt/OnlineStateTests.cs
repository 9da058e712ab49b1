using Microsoft.EntityFrameworkCore;
using MQTTnet;
using TiLianBang.Core.Devices.Pipeline;
using TiLianBang.Core.Devices.Recording;
using TiLianBang.Tests.Infrastructure;

namespace TiLianBang.Tests.Mqtt;

/// <summary>PROTOCOL.md: offline on connection close, last will, or three silent heartbeats; online again when it speaks.</summary>
public sealed class OnlineStateTests(TiLianBangAppFactory app) : IClassFixture<TiLianBangAppFactory>
{
    private const string State = """{"mode":1,"run":0,"dir":0,"floor":2,"door":2}""";

    [Fact]
    public async Task CleanDisconnectTakesTheElevatorOffline()
    {
        var collector = await DemoCollector.OfElevatorAsync(app, 50);
        var device = await MqttTestClient.ConnectAsync(app.MqttPort, collector);
        await app.WaitForAsync(collector.ElevatorId, s => s.Online);
        var offline = app.WaitForAsync(collector.ElevatorId, s => !s.Online);

        await device.DisconnectAsync();

        var state = await offline;
        Assert.NotNull(state.OfflineSince);
        device.Dispose();
    }

    [Fact]
    public async Task AnAbruptlyDroppedConnectionGoesOfflineThroughItsWill()
    {
        var collector = await DemoCollector.OfElevatorAsync(app, 51);
        var device = await MqttTestClient.ConnectAsync(app.MqttPort, collector);
        await app.WaitForAsync(collector.ElevatorId, s => s.Online);
        var offline = app.WaitForAsync(collector.ElevatorId, s => !s.Online);

        // Dispose closes the socket without DISCONNECT: the broker sees the connection drop and sends the will.
        device.Dispose();

        await offline;
        await app.FlushDeviceRecordsAsync();
        var last = await app.AsSystemAsync((_, db) => db.ConnectionChanges.Where(c => c.DeviceId == collector.DeviceId).OrderBy(c => c.Id).LastAsync());
        Assert.False(last.Online);
        Assert.Contains(last.Reason, new[] { ConnectionReason.Disconnected, ConnectionReason.LastWill });
    }

    [Fact]
    public async Task PublishedWillPayloadZeroMarksOffline()
    {
        var collector = await DemoCollector.OfElevatorAsync(app, 52);
        using var device = await MqttTestClient.ConnectAsync(app.MqttPort, collector);
        await app.WaitForAsync(collector.ElevatorId, s => s.Online);
        var offline = app.WaitForAsync(collector.ElevatorId, s => !s.Online);

        await device.PublishAsync(collector.Topic("online"), "0");

        await offline;
        await app.FlushDeviceRecordsAsync();
        var last = await app.AsSystemAsync((_, db) => db.ConnectionChanges.Where(c => c.DeviceId == collector.DeviceId).OrderBy(c => c.Id).LastAsync());
        Assert.Equal(ConnectionReason.LastWill, last.Reason);
    }

    [Fact]
    public async Task ThreeSilentHeartbeatsTakeItOfflineAndItsNextMessageBringsItBack()
    {
        var collector = await DemoCollector.OfElevatorAsync(app, 53);
        using var device = await MqttTestClient.ConnectAsync(app.MqttPort, collector);
        await device.PublishAsync(collector.Topic("state"), State);
        await app.WaitForAsync(collector.ElevatorId, s => s.Online && s.HasState);
        var offline = app.WaitForAsync(collector.ElevatorId, s => !s.Online);

        // 3 x the default 30 s heartbeat, plus one check interval for the watch to notice.
        app.Clock.Advance(TimeSpan.FromSeconds(3 * DeviceActivity.DefaultHeartbeatSeconds) + HeartbeatWatch.CheckInterval + TimeSpan.FromSeconds(1));

        await offline;
        var online = app.WaitForAsync(collector.ElevatorId, s => s.Online);
        await device.PublishAsync(collector.Topic("state"), State);
        await online;
        await app.FlushDeviceRecordsAsync();
        var reasons = await app.AsSystemAsync((_, db) => db.ConnectionChanges.Where(c => c.DeviceId == collector.DeviceId).OrderBy(c => c.Id).Select(c => c.Reason).ToListAsync());
        Assert.Equal([ConnectionReason.Connected, ConnectionReason.HeartbeatTimeout, ConnectionReason.MessageReceived], reasons);
    }

    [Fact]
    public async Task ReconnectingBringsItBackOnline()
    {
        var collector = await DemoCollector.OfElevatorAsync(app, 54);
        var first = await MqttTestClient.ConnectAsync(app.MqttPort, collector);
        await first.DisconnectAsync();
        first.Dispose();
        await app.WaitForAsync(collector.ElevatorId, s => !s.Online);
        var online = app.WaitForAsync(collector.ElevatorId, s => s.Online);

        using var second = await MqttTestClient.ConnectAsync(app.MqttPort, collector);

        Assert.True((await online).Online);
    }
}
