using System.Text;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace TiLianBang.Tests.Infrastructure;

/// <summary>A real MQTTnet client over TCP to the app's broker, set up as PROTOCOL.md tells a collector to.</summary>
public static class MqttTestClient
{
    public static async Task<(IMqttClient Client, MqttClientConnectResult Result)> ConnectAsync(
        int port, string clientId, string userName, string secret, MqttProtocolVersion version = MqttProtocolVersion.V500)
    {
        var client = new MqttClientFactory().CreateMqttClient();
        var options = new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", port)
            .WithClientId(clientId)
            .WithCredentials(userName, secret)
            .WithProtocolVersion(version)
            .WithWillTopic($"tlb/{userName}/online")
            .WithWillPayload("0")
            .WithWillQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .WithWillRetain()
            .WithTimeout(TimeSpan.FromSeconds(10))
            .Build();
        var result = await client.ConnectAsync(options);
        return (client, result);
    }

    public static async Task<IMqttClient> ConnectAsync(int port, DemoCollector collector, MqttProtocolVersion version = MqttProtocolVersion.V500)
    {
        var (client, result) = await ConnectAsync(port, collector.DeviceId, collector.DeviceId, collector.Secret, version);
        Assert.Equal(MqttClientConnectResultCode.Success, result.ResultCode);
        return client;
    }

    /// <summary>Publishes with QoS 1 so that the broker's verdict (PUBACK reason) comes back.</summary>
    public static Task<MqttClientPublishResult> PublishAsync(this IMqttClient client, string topic, string payload) =>
        client.PublishAsync(new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(Encoding.UTF8.GetBytes(payload))
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build());

    public static Task<MqttClientPublishResult> PublishAsync(this IMqttClient client, string topic, byte[] payload) =>
        client.PublishAsync(new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(payload)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build());
}
