using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MQTTnet;
using MQTTnet.Protocol;
using TiLianBang.Core.Devices.Pipeline;
using TiLianBang.Tests.Infrastructure;
using TiLianBang.Web.Mqtt;

namespace TiLianBang.Tests.Reliability;

/// <summary>
/// What one authenticated collector could do to take memory or the shared record queue: topic aliases without
/// end, answers it never reads, records faster than any elevator makes them. Each is cut off for that collector;
/// nothing it was not acknowledged for is lost, and the others go on.
/// </summary>
public sealed class DeviceFloodTests(TiLianBangAppFactory app) : IClassFixture<TiLianBangAppFactory>
{
    private static int _sequence = 9000;

    [Fact]
    public async Task TopicAliasesWorkUpToTheCapAndBeyondItCloseTheConnection()
    {
        var collector = await DemoCollector.OfElevatorAsync(app, 32);
        using var device = await MqttTestClient.ConnectAsync(app.MqttPort, collector);
        var seq = Interlocked.Increment(ref _sequence);

        await device.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(collector.Topic("state")).WithTopicAlias(DeviceBroker.MaxTopicAlias)
            .WithPayload($$"""{"seq":{{seq}},"mode":1,"run":0,"dir":0,"floor":4,"door":4}""").WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());
        await app.WaitForAsync(collector.ElevatorId, s => s.Sequence == seq);
        var refused = app.Services.GetRequiredService<DeviceActivityRegistry>().For(collector.DeviceId).Refused;

        var beyond = device.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(collector.Topic("state")).WithTopicAlias(DeviceBroker.MaxTopicAlias + 1)
            .WithPayload("""{"seq":1,"mode":4,"run":0,"dir":0,"floor":9,"door":4}""").WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());

        await Assert.ThrowsAnyAsync<Exception>(() => beyond);
        Assert.Equal(refused + 1, app.Services.GetRequiredService<DeviceActivityRegistry>().For(collector.DeviceId).Refused);
        Assert.Equal(seq, app.Services.GetRequiredService<TiLianBang.Core.Devices.LiveState.IElevatorStateHub>().Find(collector.ElevatorId)!.Sequence);
        await app.AssertStillServesCollectorsAsync(33);
    }

    [Fact]
    public async Task ClientThatNeverReadsItsAnswersIsClosed()
    {
        var collector = await DemoCollector.OfElevatorAsync(app, 34);
        await using var device = await RawMqttConnection.ConnectAsync(app.MqttPort, collector);
        // PINGREQs in bulk, never reading the PINGRESPs: once the socket's buffers are full the answers queue up.
        var chunk = new byte[64 * 1024];
        for (var i = 0; i < chunk.Length; i += 2)
        {
            chunk[i] = 0xC0;
        }
        var closed = false;
        for (var sent = 0; sent < 256 && !closed; sent++)
        {
            try
            {
                await device.SendAsync(chunk).WaitAsync(TimeSpan.FromSeconds(15));
            }
            catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException or TimeoutException)
            {
                closed = true;
            }
        }

        Assert.True(closed || await device.ClosedByServerAsync());
        await app.AssertStillServesCollectorsAsync(35);
    }

    [Fact]
    public async Task CollectorOverItsRecordBudgetIsNotAcknowledgedAndItsResendIsStoredLater()
    {
        var collector = await DemoCollector.OfElevatorAsync(app, 36);
        var device = await MqttTestClient.ConnectAsync(app.MqttPort, collector);
        var acknowledged = 0;
        Exception? cut = null;
        for (var i = 0; i < new DeviceBudgetOptions().RecordBurst + 50; i++)
        {
            try
            {
                var ack = await device.PublishAsync(collector.Topic("event"), $$"""{"id":"budget-{{i}}","code":40,"state":1}""");
                Assert.True(ack.IsSuccess);
                acknowledged++;
            }
            catch (MQTTnet.Exceptions.MqttCommunicationException e)
            {
                cut = e;
                break;
            }
        }

        // The burst went in; the first one over it was not acknowledged: the connection was closed under it.
        Assert.NotNull(cut);
        Assert.True(acknowledged <= new DeviceBudgetOptions().RecordBurst, $"{acknowledged} acknowledged");
        Assert.Contains(app.Services.GetRequiredService<DeviceActivityRegistry>().For(collector.DeviceId).LatestMessages,
            m => m.Rejection?.Contains("too many records", StringComparison.Ordinal) == true);
        await app.AssertStillServesCollectorsAsync(37);

        // A second later the budget has room again: the collector's resend is stored.
        device.Dispose();
        app.Clock.Advance(TimeSpan.FromSeconds(1));
        using var again = await MqttTestClient.ConnectAsync(app.MqttPort, collector);
        var resent = await again.PublishAsync(collector.Topic("event"), $$"""{"id":"budget-{{acknowledged}}","code":40,"state":1}""");
        await app.FlushDeviceRecordsAsync();
        Assert.True(resent.IsSuccess);
        Assert.Equal(acknowledged + 1, await app.AsSystemAsync((_, db) => db.ElevatorEvents.CountAsync(e => e.DeviceId == collector.DeviceId && e.EventId.StartsWith("budget-"))));
    }
}
