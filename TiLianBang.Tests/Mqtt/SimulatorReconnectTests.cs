using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using MQTTnet;
using MQTTnet.Formatter;
using TiLianBang.Tests.Infrastructure;
using TiLianBang.Web.Mqtt;
using TiLianBang.Web.Simulation;

namespace TiLianBang.Tests.Mqtt;

/// <summary>
/// The README's takeover: a person connects with mosquitto_pub under a simulated collector's id. The demo's
/// collector leaves the id to them and comes back once their connection is gone.
/// </summary>
public sealed class SimulatorReconnectTests(TiLianBangAppFactory app) : IClassFixture<TiLianBangAppFactory>
{
    /// <summary>A guard against a hung test, not a sleep.</summary>
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task ACollectorWhoseIdWasTakenOverReconnectsOnceTheOtherConnectionIsGone()
    {
        var collector = await DemoCollector.OfElevatorAsync(app, 52);
        var broker = app.Services.GetRequiredService<DeviceBroker>();
        await using var simulated = new SimulatedCollector(collector.DeviceId, collector.Secret,
            new SimulatedElevator(18, 1.75, seed: 3, faultsPerHour: 0, app.Clock.GetUtcNow()), app.Clock);
        var online = app.WaitForAsync(collector.ElevatorId, s => s.Online && s.Info is not null);
        await simulated.ConnectAsync("127.0.0.1", app.MqttPort, CancellationToken.None);
        await online;
        var lost = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        simulated.Disconnected = () => lost.TrySetResult();
        var reconnect = new CollectorReconnect(broker.IsConnectedAsync, app.Clock);
        SimulatedCollector[] collectors = [simulated];
        Task TickAsync() => ElevatorSimulator.TickAsync(collectors, reconnect, NullLogger.Instance, CancellationToken.None);

        // mosquitto_pub speaks MQTT 3.1.1 with the collector's id and secret.
        using var person = await MqttTestClient.ConnectAsync(app.MqttPort, collector, MqttProtocolVersion.V311);
        await lost.Task.WaitAsync(Guard);
        // While the person is connected the simulator does not take the id back, however often it looks.
        for (var i = 0; i < 3; i++)
        {
            app.Clock.Advance(CollectorReconnect.FirstDelay);
            await TickAsync();
        }
        var whileTakenOver = simulated.IsConnected;
        await person.PingAsync();

        var offline = app.WaitForAsync(collector.ElevatorId, s => !s.Online);
        await person.DisconnectAsync();
        await offline;
        var back = app.WaitForAsync(collector.ElevatorId, s => s.Online);
        app.Clock.Advance(CollectorReconnect.FirstDelay);
        await TickAsync();

        Assert.False(whileTakenOver);
        Assert.True(simulated.IsConnected);
        Assert.True((await back).Online);
        Assert.True(await broker.IsConnectedAsync(collector.DeviceId, CancellationToken.None));
    }

    [Fact]
    public async Task AFailedAttemptBacksOffDoublingUpToTheLimit()
    {
        var collector = await DemoCollector.OfElevatorAsync(app, 53);
        await using var simulated = new SimulatedCollector(collector.DeviceId, "wrong-secret",
            new SimulatedElevator(18, 1.75, seed: 4, faultsPerHour: 0, app.Clock.GetUtcNow()), app.Clock);
        await Assert.ThrowsAnyAsync<Exception>(() => simulated.ConnectAsync("127.0.0.1", app.MqttPort, CancellationToken.None));
        var reconnect = new CollectorReconnect((_, _) => Task.FromResult(false), app.Clock);

        Assert.False(await reconnect.TryAsync(simulated, CancellationToken.None));
        var delays = new List<TimeSpan>();
        for (var i = 0; i < 8; i++)
        {
            var due = reconnect.NextAttempt(collector.DeviceId)!.Value;
            app.Clock.Advance(due - app.Clock.GetUtcNow());
            await Assert.ThrowsAnyAsync<Exception>(() => reconnect.TryAsync(simulated, CancellationToken.None));
            delays.Add(reconnect.NextAttempt(collector.DeviceId)!.Value - app.Clock.GetUtcNow());
        }

        Assert.Equal([4, 8, 16, 32, 60, 60, 60, 60], delays.Select(d => (int)d.TotalSeconds));
        Assert.False(simulated.IsConnected);
    }
}
