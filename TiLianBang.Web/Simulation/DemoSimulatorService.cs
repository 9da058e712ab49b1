using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TiLianBang.Core.Accounts;
using TiLianBang.Core.Common;
using TiLianBang.Core.Data;
using TiLianBang.Core.Demo;
using TiLianBang.Core.Health;
using TiLianBang.Web.Mqtt;

namespace TiLianBang.Web.Simulation;

/// <summary>
/// Demo mode's moving elevators: once the host has started, plays the demo collectors against our own broker
/// (<c>Demo:SimulatedElevators</c>: how many; -1 all, 0 none). A share of them wears (<c>Demo:Wear</c>, see
/// <see cref="SimulatedWear"/>). A collector that lost its connection reconnects once no other connection holds its id.
/// </summary>
public sealed partial class DemoSimulatorService(
    IOptions<DemoOptions> demo,
    IOptions<MqttOptions> mqtt,
    IConfiguration configuration,
    DeviceBroker broker,
    IServiceScopeFactory scopes,
    IHostApplicationLifetime lifetime,
    TimeProvider clock,
    ILogger<DemoSimulatorService> logger) : ResilientBackgroundService(clock, logger)
{
    protected override async Task RunAsync(CancellationToken stoppingToken)
    {
        var wanted = configuration.GetValue("Demo:SimulatedElevators", -1);
        if (!demo.Value.Enabled || !mqtt.Value.Embedded || wanted == 0)
        {
            return;
        }
        if (!await WaitForStartAsync(stoppingToken))
        {
            return;
        }
        var collectors = await CreateCollectorsAsync(wanted, stoppingToken);
        try
        {
            var connected = await ElevatorSimulator.ConnectAllAsync(collectors, "127.0.0.1", broker.Port, Logger, stoppingToken);
            LogRunning(Logger, connected, collectors.Count, broker.Port);
            // A collector whose id was taken over (README: mosquitto_pub) comes back once that connection is gone.
            var reconnect = new CollectorReconnect(broker.IsConnectedAsync, Clock);
            await ElevatorSimulator.RunAsync(collectors, Clock, Logger, stoppingToken, reconnect);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            foreach (var collector in collectors)
            {
                await collector.DisposeAsync();
            }
        }
    }

    private async Task<bool> WaitForStartAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var registration = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        try
        {
            await started.Task.WaitAsync(stoppingToken);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private async Task<List<SimulatedCollector>> CreateCollectorsAsync(int wanted, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentActor>().SetSystem("system:demo-simulator");
        var db = scope.ServiceProvider.GetRequiredService<TiLianBangDbContext>();
        var devices = await db.Devices.AsNoTracking()
            .Where(d => d.Elevator != null)
            .OrderBy(d => d.Id)
            .Select(d => new { d.DeviceId, ElevatorId = d.Elevator!.Id, d.Elevator.Floors, d.Elevator.RatedSpeed })
            .ToListAsync(cancellationToken);
        var now = Clock.GetUtcNow();
        var wear = configuration.GetSection("Demo:Wear").Get<SimulatedWear>() ?? new SimulatedWear();
        var simulated = devices.Where(d => DemoDevices.IsDemoDevice(d.DeviceId)).Take(wanted < 0 ? int.MaxValue : wanted).ToList();
        // A baseline for the health analytics, and their first drift check: the worn elevators' warnings show at once.
        var history = simulated.Select((d, i) => DemoHealthHistory.Elevator.Of(i, d.ElevatorId, d.Floors, wear)).ToList();
        if (await DemoHealthHistory.SeedAsync(db, history, now, Clock, cancellationToken) > 0)
        {
            var jobs = scope.ServiceProvider.GetRequiredService<HealthJobs>();
            await jobs.EvaluateAsync(cancellationToken);
            await jobs.EvaluateLandingsAsync(cancellationToken);
        }
        return simulated
            .Select((d, i) => new SimulatedCollector(
                d.DeviceId,
                DemoDevices.SecretFor(d.DeviceId),
                new SimulatedElevator(d.Floors, (double)d.RatedSpeed, seed: i + 1, faultsPerHour: 0.2, now, wear.Wears(i) ? wear : null,
                    wear.WornLandingDoor(i, d.Floors), wear),
                Clock))
            .ToList();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo: {Connected} of {Count} simulated collectors connected to the broker on port {Port}")]
    private static partial void LogRunning(ILogger logger, int connected, int count, int port);
}
