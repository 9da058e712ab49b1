using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using TiLianBang.Core.Devices.Commands;
using TiLianBang.Core.Devices.Pipeline;
using TiLianBang.Core.Devices.Protocol;
using TiLianBang.Tests.Infrastructure;

namespace TiLianBang.Tests.Mqtt;

/// <summary>Debian's mosquitto clients, which we did not write, talk to our broker as collectors do.</summary>
public sealed class MosquittoClientTests(TiLianBangAppFactory app) : IClassFixture<TiLianBangAppFactory>
{
    private string[] Connection(DemoCollector collector, string secret) =>
    [
        "-h", "127.0.0.1", "-p", app.MqttPort.ToString(CultureInfo.InvariantCulture),
        "-i", collector.DeviceId, "-u", collector.DeviceId, "-P", secret,
    ];

    [Fact]
    public async Task MosquittoPubMovesTheElevator()
    {
        var collector = await DemoCollector.OfElevatorAsync(app, 13);
        var moved = app.WaitForAsync(collector.ElevatorId, s => s.Floor == 9 && s.Running);

        var result = await ForeignProcess.RunAsync("mosquitto_pub",
            [.. Connection(collector, collector.Secret), "-q", "1", "-t", collector.Topic("state"), "-m", """{"mode":1,"run":1,"dir":1,"floor":9,"door":2}"""]);

        Assert.Equal(0, result.ExitCode);
        var state = await moved;
        Assert.Equal(CarDirection.Up, state.Direction);
    }

    [Fact]
    public async Task MosquittoPubWithAWrongSecretIsRefused()
    {
        var collector = await DemoCollector.OfElevatorAsync(app, 14);

        var result = await ForeignProcess.RunAsync("mosquitto_pub",
            [.. Connection(collector, "wrong-secret"), "-q", "1", "-t", collector.Topic("state"), "-m", """{"mode":1,"run":0,"dir":0,"floor":1,"door":2}"""]);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("bad user name or password", result.Error, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task MosquittoSubReceivesTheCommandsForItsOwnDevice()
    {
        var collector = await DemoCollector.OfElevatorAsync(app, 15);
        var online = app.WaitForAsync(collector.ElevatorId, s => s.Online);
        var subscriber = ForeignProcess.Start("mosquitto_sub",
            [.. Connection(collector, collector.Secret), "-q", "1", "-t", collector.Topic("cmd"), "-C", "1", "-W", "25", "-V", "mqttv311"]);
        await online;
        // mosquitto_sub subscribes right after CONNACK; wait until the broker has granted it.
        await app.Services.GetRequiredService<DeviceActivityRegistry>().For(collector.DeviceId).WhenListeningForCommands.WaitAsync(TimeSpan.FromSeconds(15));

        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<Core.Accounts.CurrentActor>().SetSystem("test");
        var command = scope.ServiceProvider.GetRequiredService<DeviceCommandService>()
            .SendToElevatorAsync(collector.ElevatorId, DeviceOperation.SetHeartbeat, new { seconds = 60 }, CancellationToken.None);
        var received = await ForeignProcess.WaitAsync(subscriber);
        app.Clock.Advance(TimeSpan.FromSeconds(10));
        var result = await command;

        Assert.Equal(0, received.ExitCode);
        Assert.Contains("\"op\":\"setHeartbeat\"", received.Output);
        Assert.Contains("\"seconds\":60", received.Output);
        Assert.Equal(CommandStatus.TimedOut, result.Status);
    }
}
