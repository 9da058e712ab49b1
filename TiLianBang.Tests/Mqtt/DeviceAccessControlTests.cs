using Microsoft.Extensions.DependencyInjection;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using TiLianBang.Core.Devices.LiveState;
using TiLianBang.Core.Devices.Pipeline;
using TiLianBang.Tests.Infrastructure;

namespace TiLianBang.Tests.Mqtt;

/// <summary>DEV-2: a device publishes and subscribes only under its own prefix; refusals are counted.</summary>
public sealed class DeviceAccessControlTests(TiLianBangAppFactory app) : IClassFixture<TiLianBangAppFactory>
{
    private const string State = """{"mode":1,"run":0,"dir":0,"floor":3,"door":4}""";

    private DeviceActivity Activity(DemoCollector collector) =>
        app.Services.GetRequiredService<DeviceActivityRegistry>().For(collector.DeviceId);

    [Fact]
    public async Task PublishingIntoAnotherDevicesTopicIsRefusedAndCounted()
    {
        var intruder = await DemoCollector.OfElevatorAsync(app, 20);
        var victim = await DemoCollector.OfElevatorAsync(app, 21);
        using var client = await MqttTestClient.ConnectAsync(app.MqttPort, intruder);
        var refusedBefore = Activity(intruder).Refused;

        var ack = await client.PublishAsync(victim.Topic("state"), State);

        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, ack.ReasonCode);
        Assert.Equal(refusedBefore + 1, Activity(intruder).Refused);
        Assert.Null(app.Services.GetRequiredService<IElevatorStateHub>().Find(victim.ElevatorId));
    }

    [Fact]
    public async Task PublishingToTheCommandTopicOrOutsideTheProtocolIsRefused()
    {
        var device = await DemoCollector.OfElevatorAsync(app, 22);
        using var client = await MqttTestClient.ConnectAsync(app.MqttPort, device);

        var toCommand = await client.PublishAsync(device.Topic("cmd"), """{"id":"c-1","op":"reboot","args":{}}""");
        var elsewhere = await client.PublishAsync("some/other/topic", "hello");

        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, toCommand.ReasonCode);
        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, elsewhere.ReasonCode);
        Assert.Equal(2, Activity(device).Refused);
    }

    [Fact]
    public async Task SubscribingToAnotherDevicesCommandsIsNotAuthorizedInMqtt5()
    {
        var intruder = await DemoCollector.OfElevatorAsync(app, 23);
        var victim = await DemoCollector.OfElevatorAsync(app, 24);
        using var client = await MqttTestClient.ConnectAsync(app.MqttPort, intruder);

        // One filter per SUBSCRIBE: MQTTnet's server orders a packet's filters by QoS before answering.
        var other = await client.SubscribeAsync(victim.Topic("cmd"), MqttQualityOfServiceLevel.AtLeastOnce);
        var everything = await client.SubscribeAsync("tlb/#", MqttQualityOfServiceLevel.AtLeastOnce);
        var own = await client.SubscribeAsync(intruder.Topic("cmd"), MqttQualityOfServiceLevel.AtLeastOnce);

        Assert.Equal(MqttClientSubscribeResultCode.NotAuthorized, other.Items.Single().ResultCode);
        Assert.Equal(MqttClientSubscribeResultCode.NotAuthorized, everything.Items.Single().ResultCode);
        Assert.Equal(MqttClientSubscribeResultCode.GrantedQoS1, own.Items.Single().ResultCode);
        Assert.Equal(2, Activity(intruder).Refused);
    }

    [Fact]
    public async Task SubscribingToAnotherDevicesCommandsFailsWith0x80InMqtt311()
    {
        var intruder = await DemoCollector.OfElevatorAsync(app, 25);
        var victim = await DemoCollector.OfElevatorAsync(app, 26);
        using var client = await MqttTestClient.ConnectAsync(app.MqttPort, intruder, MqttProtocolVersion.V311);

        var result = await client.SubscribeAsync(victim.Topic("cmd"));

        // MQTT 3.1.1 has one failure return code, 0x80, which MQTTnet reports as UnspecifiedError.
        Assert.Equal(MqttClientSubscribeResultCode.UnspecifiedError, result.Items.Single().ResultCode);
        Assert.Equal(1, Activity(intruder).Refused);
    }
}
