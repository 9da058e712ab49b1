using MQTTnet;
using MQTTnet.Protocol;
using TiLianBang.Web.Simulation;

namespace TiLianBang.Tests.Infrastructure;

/// <summary>The two kinds of collector the command tests need: one that answers (the simulator) and one that stays silent.</summary>
public static class TestCollectors
{
    /// <summary>A simulated collector (18 landings, no faults) connected and announced (online + info) to the app's broker.</summary>
    public static async Task<SimulatedCollector> StartSimulatorAsync(this TiLianBangAppFactory app, DemoCollector collector)
    {
        var simulated = new SimulatedCollector(collector.DeviceId, collector.Secret,
            new SimulatedElevator(18, 1.75, seed: 7, faultsPerHour: 0, app.Clock.GetUtcNow()), TimeProvider.System);
        var online = app.WaitForAsync(collector.ElevatorId, s => s.Online && s.Info is not null);
        await simulated.ConnectAsync("127.0.0.1", app.MqttPort, CancellationToken.None);
        await online;
        return simulated;
    }

    /// <summary>Subscribes to the device's commands and never answers; the task completes when one arrives.</summary>
    public static async Task<Task> ListenSilentlyAsync(this IMqttClient client, DemoCollector collector)
    {
        var received = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        client.ApplicationMessageReceivedAsync += _ =>
        {
            received.TrySetResult();
            return Task.CompletedTask;
        };
        await client.SubscribeAsync(collector.Topic("cmd"), MqttQualityOfServiceLevel.AtLeastOnce);
        return received.Task.WaitAsync(TimeSpan.FromSeconds(15));
    }
}
