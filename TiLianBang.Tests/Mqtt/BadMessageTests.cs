using Microsoft.Extensions.DependencyInjection;
using MQTTnet;
using TiLianBang.Core.Devices.LiveState;
using TiLianBang.Core.Devices.Pipeline;
using TiLianBang.Tests.Infrastructure;

namespace TiLianBang.Tests.Mqtt;

/// <summary>DEV-6: a bad message is rejected whole, counted and kept for debugging; the elevator's state is untouched.</summary>
public sealed class BadMessageTests(TiLianBangAppFactory app) : IClassFixture<TiLianBangAppFactory>
{
    private const string GoodState = """{"seq":1,"mode":1,"run":0,"dir":0,"floor":5,"door":4,"load":20}""";

    public static TheoryData<string, string, string> BadMessages => new()
    {
        { "state", """{"mode":1,"run":0,"dir":0,"floor":9,"door":""", "invalid JSON" },
        { "state", """{"mode":1,"run":1,"dir":1,"door":2}""", "'floor' is required" },
        { "state", """{"mode":1,"run":1,"dir":1,"floor":"9","door":2}""", "'floor' must be an integer" },
        { "state", """{"mode":1,"run":1,"dir":1,"floor":9.5,"door":2}""", "'floor' must be an integer" },
        { "state", """{"mode":9,"run":1,"dir":1,"floor":9,"door":2}""", "'mode' must be between 0 and 7" },
        { "state", """{"mode":1,"run":1,"dir":1,"floor":9,"door":2,"load":250}""", "'load' must be between 0 and 200" },
        { "state", """{"mode":1,"run":1,"dir":1,"floor":9,"door":2,"speed":-1}""", "'speed' must be between 0 and 20" },
        { "state", """{"mode":1,"run":1,"dir":1,"floor":9,"door":2,"calls":{"car":[0]}}""", "'car' entries" },
        { "state", """[1,2,3]""", "must be a JSON object" },
        { "event", """{"code":11,"state":1}""", "'id' is required" },
        { "event", """{"id":"e-1","code":1000,"state":1}""", "'code' must be between 1 and 999" },
        { "io", """{"in":[0,2]}""", "'in' entries" },
        { "stats", """{"runs":-5,"runHours":1,"doorCycles":1}""", "'runs' must be between" },
        { "online", "yes", "online payload must be 1 or 0" },
    };

    [Theory]
    [MemberData(nameof(BadMessages))]
    public async Task BadMessageIsRejectedCountedAndChangesNothing(string kind, string payload, string reason)
    {
        var collector = await DemoCollector.OfElevatorAsync(app, 30);
        using var device = await MqttTestClient.ConnectAsync(app.MqttPort, collector);
        await device.PublishAsync(collector.Topic("state"), GoodState);
        var before = await app.WaitForAsync(collector.ElevatorId, s => s.Sequence == 1);
        var activity = app.Services.GetRequiredService<DeviceActivityRegistry>().For(collector.DeviceId);
        var rejectedBefore = activity.Rejected;

        var ack = await device.PublishAsync(collector.Topic(kind), payload);

        Assert.Equal(MqttClientPublishReasonCode.PayloadFormatInvalid, ack.ReasonCode);
        Assert.Contains(reason, ack.ReasonString);
        Assert.Equal(rejectedBefore + 1, activity.Rejected);
        Assert.Contains(activity.LatestMessages, m => m.Payload == payload && m.Rejection!.Contains(reason, StringComparison.Ordinal));
        var after = app.Services.GetRequiredService<IElevatorStateHub>().Find(collector.ElevatorId)!;
        Assert.Equal(before with { LastSeen = after.LastSeen }, after);
        Assert.True(device.IsConnected);
    }

    [Fact]
    public async Task OversizedPayloadIsRejected()
    {
        var collector = await DemoCollector.OfElevatorAsync(app, 31);
        using var device = await MqttTestClient.ConnectAsync(app.MqttPort, collector);
        var padding = new string('x', 17 * 1024);

        var ack = await device.PublishAsync(collector.Topic("event"), """{"id":"e-big","code":11,"state":1,"detail":{"pad":""" + "\"" + padding + "\"}}");

        Assert.Equal(MqttClientPublishReasonCode.PayloadFormatInvalid, ack.ReasonCode);
        Assert.Contains("at most 16384", ack.ReasonString);
        Assert.DoesNotContain(11, app.Services.GetRequiredService<IElevatorStateHub>().Find(collector.ElevatorId)?.ActiveFaults ?? []);
    }
}
