using MQTTnet;
using MQTTnet.Formatter;
using TiLianBang.Tests.Infrastructure;

namespace TiLianBang.Tests.Mqtt;

/// <summary>DEV-2: unknown ids, wrong secrets and borrowed identities are refused at CONNECT, in both protocol versions.</summary>
public sealed class DeviceAuthenticationTests(TiLianBangAppFactory app) : IClassFixture<TiLianBangAppFactory>
{
    public static TheoryData<MqttProtocolVersion> Versions => [MqttProtocolVersion.V311, MqttProtocolVersion.V500];

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task WrongSecretIsRefusedAsBadUserNameOrPassword(MqttProtocolVersion version)
    {
        var collector = await DemoCollector.OfElevatorAsync(app, 10);

        var (client, result) = await MqttTestClient.ConnectAsync(app.MqttPort, collector.DeviceId, collector.DeviceId, "not-the-secret", version);

        using (client)
        {
            Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword, result.ResultCode);
            Assert.False(client.IsConnected);
        }
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task UnknownDeviceIsRefusedAsBadUserNameOrPassword(MqttProtocolVersion version)
    {
        var (client, result) = await MqttTestClient.ConnectAsync(app.MqttPort, "999999999999999", "999999999999999", "whatever", version);

        using (client)
        {
            Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword, result.ResultCode);
        }
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task ClientIdOtherThanTheUserNameIsNotAuthorized(MqttProtocolVersion version)
    {
        var collector = await DemoCollector.OfElevatorAsync(app, 10);

        var (client, result) = await MqttTestClient.ConnectAsync(app.MqttPort, "somebody-else", collector.DeviceId, collector.Secret, version);

        using (client)
        {
            Assert.Equal(MqttClientConnectResultCode.NotAuthorized, result.ResultCode);
        }
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task RightCredentialsConnect(MqttProtocolVersion version)
    {
        var collector = await DemoCollector.OfElevatorAsync(app, 11);

        using var client = await MqttTestClient.ConnectAsync(app.MqttPort, collector, version);

        Assert.True(client.IsConnected);
    }

    [Fact]
    public async Task ASecondConnectionWithTheSameIdTakesOverAndTheDeviceStaysOnline()
    {
        var collector = await DemoCollector.OfElevatorAsync(app, 12);
        using var first = await MqttTestClient.ConnectAsync(app.MqttPort, collector);
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        first.DisconnectedAsync += _ =>
        {
            closed.TrySetResult();
            return Task.CompletedTask;
        };

        using var second = await MqttTestClient.ConnectAsync(app.MqttPort, collector);

        await closed.Task.WaitAsync(TimeSpan.FromSeconds(15));
        Assert.True(second.IsConnected);
        var state = await app.WaitForAsync(collector.ElevatorId, s => s.Online);
        Assert.True(state.Online);
    }
}
