using System.Net;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using MQTTnet;
using TiLianBang.Core.Common;
using TiLianBang.Core.Demo;
using TiLianBang.Core.Devices;
using TiLianBang.Core.Devices.Pipeline;
using TiLianBang.Core.Notifications;
using TiLianBang.Core.Repairs;
using TiLianBang.Tests.Infrastructure;
using TiLianBang.Web.Simulation;

namespace TiLianBang.Tests.Reliability;

/// <summary>
/// One component's failure never stops the process: each background loop loses its dependency once (the database
/// table it writes, the outbox table, the broker identity of a simulated collector) and the platform keeps serving;
/// the loop picks up where it left off when the dependency is back.
/// </summary>
public sealed class BackgroundLoopTests
{
    private const int TrappedCode = 11;

    [Fact]
    public async Task LoopThatFailsIsStartedAgainAfterABackoffAndTheHostKeepsRunning()
    {
        var clock = new FakeTimeProvider();
        var loop = new FlakyLoop(clock);
        using var host = new HostBuilder().ConfigureServices(s => s.AddHostedService(_ => loop)).Build();
        await host.StartAsync();
        var lifetime = host.Services.GetRequiredService<IHostApplicationLifetime>();

        await loop.FirstRunFailed.Task.WaitAsync(TimeSpan.FromSeconds(15));
        Assert.False(loop.SecondRun.Task.IsCompleted);
        clock.Advance(ResilientBackgroundService.RestartDelay(1));
        await loop.SecondRun.Task.WaitAsync(TimeSpan.FromSeconds(15));

        Assert.Equal(1, loop.Restarts);
        Assert.False(lifetime.ApplicationStopping.IsCancellationRequested);
        await host.StopAsync();
    }

    [Fact]
    public async Task EventsAreNotAcknowledgedWhileTheirTableIsGoneAndAreStoredOnceWhenSentAgain()
    {
        await using var app = new TiLianBangAppFactory();
        var collector = await DemoCollector.OfElevatorAsync(app, 41);
        var payload = $$"""{"id":"outage-1","code":{{TrappedCode}},"state":1,"floor":2}""";
        var device = await MqttTestClient.ConnectAsync(app.MqttPort, collector);

        await RenameTableAsync(app, "ElevatorEvents", "ElevatorEvents_away");
        var publish = device.PublishAsync(collector.Topic("event"), payload);
        // The writer retries the batch on the (fake) clock before it gives the record up.
        await AdvanceUntilAsync(app, publish);
        var acknowledged = false;
        try
        {
            acknowledged = (await publish).IsSuccess;
        }
        catch (MQTTnet.Exceptions.MqttCommunicationException)
        {
        }

        Assert.False(acknowledged, "an event that could not be stored was acknowledged");
        Assert.False(device.IsConnected);
        await AssertStillServingAsync(app, 42);

        await RenameTableAsync(app, "ElevatorEvents_away", "ElevatorEvents");
        device.Dispose();
        using var again = await MqttTestClient.ConnectAsync(app.MqttPort, collector);
        var ack = await again.PublishAsync(collector.Topic("event"), payload);
        await app.FlushDeviceRecordsAsync();

        Assert.True(ack.IsSuccess);
        await app.AsSystemAsync(async (_, db) =>
        {
            Assert.Equal(1, await db.ElevatorEvents.CountAsync(e => e.DeviceId == collector.DeviceId && e.EventId == "outage-1"));
            Assert.Single(await db.RepairOrders.Where(o => o.ElevatorId == collector.ElevatorId && o.FaultCode == TrappedCode).ToListAsync());
            return 0;
        });
    }

    [Fact]
    public async Task RepairOrderOfAStoredEventIsMadeUpWhenTheOutboxIsBackAndTheOutboxLoopRecovers()
    {
        await using var app = new TiLianBangAppFactory();
        var collector = await DemoCollector.OfElevatorAsync(app, 43);
        using var device = await MqttTestClient.ConnectAsync(app.MqttPort, collector);

        // The repair order's notifications cannot be written: the handler's transaction fails as a whole.
        await RenameTableAsync(app, "Notifications", "Notifications_away");
        var ack = await device.PublishAsync(collector.Topic("event"), $$"""{"id":"handler-1","code":{{TrappedCode}},"state":1}""");
        await app.FlushDeviceRecordsAsync();
        Assert.True(ack.IsSuccess);
        Assert.Equal(0, await OrdersAsync(app, collector.ElevatorId));
        // The outbox loop's own pass fails too; it starts again after its back-off.
        var dispatcher = app.Services.GetServices<IHostedService>().OfType<OutboxDispatcher>().Single();
        await AdvanceUntilAsync(app, Until(() => dispatcher.Restarts > 0));
        await AssertStillServingAsync(app, 44);

        await RenameTableAsync(app, "Notifications_away", "Notifications");
        await AdvanceUntilAsync(app, Until(async () => await OrdersAsync(app, collector.ElevatorId) == 1));
        await AdvanceUntilAsync(app, Until(async () => await SentAsync(app) > 0));

        Assert.Equal(1, await OrdersAsync(app, collector.ElevatorId));
        await app.AsSystemAsync(async (_, db) =>
        {
            Assert.NotNull((await db.ElevatorEvents.SingleAsync(e => e.EventId == "handler-1")).HandledAtUtc);
            return 0;
        });
    }

    [Fact]
    public async Task DemoSimulatorSurvivesACollectorItCannotConnectAndOneTakenOver()
    {
        var folder = Directory.CreateTempSubdirectory("tlb-sim-").FullName;
        try
        {
            // A real collector was registered over demo id 1 (another secret): the simulator cannot connect it.
            await using (var seeding = new TiLianBangAppFactory(folder))
            {
                await seeding.AsSystemAsync(async (_, db) =>
                {
                    var first = await db.Devices.SingleAsync(d => d.DeviceId == DemoDevices.DeviceIdFor(1));
                    first.SecretHash = DeviceSecret.Hash(DeviceSecret.NewSecret());
                    return await db.SaveChangesAsync();
                });
            }
            await using var app = new TiLianBangAppFactory(folder);
            app.Settings["Demo:SimulatedElevators"] = "3";
            var second = await DemoCollector.OfElevatorAsync(app, 2);
            var third = await DemoCollector.OfElevatorAsync(app, 3);
            await app.WaitForAsync(second.ElevatorId, s => s.Online);
            await app.WaitForAsync(third.ElevatorId, s => s.Online);

            // Someone takes over collector 2's id while the simulator runs.
            using var takeover = await MqttTestClient.ConnectAsync(app.MqttPort, second);
            await takeover.PublishAsync(second.Topic("state"), """{"seq":777,"mode":4,"run":0,"dir":0,"floor":1,"door":4}""");
            await app.WaitForAsync(second.ElevatorId, s => s.Sequence == 777);
            var thirdBefore = app.Services.GetRequiredService<TiLianBang.Core.Devices.LiveState.IElevatorStateHub>().Find(third.ElevatorId)!.StateAt;
            await AdvanceUntilAsync(app, Until(() =>
                app.Services.GetRequiredService<TiLianBang.Core.Devices.LiveState.IElevatorStateHub>().Find(third.ElevatorId)!.StateAt != thirdBefore));

            var simulator = app.Services.GetServices<IHostedService>().OfType<DemoSimulatorService>().Single();
            Assert.Equal(0, simulator.Restarts);
            Assert.False(app.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.IsCancellationRequested);
            Assert.Equal(777, app.Services.GetRequiredService<TiLianBang.Core.Devices.LiveState.IElevatorStateHub>().Find(second.ElevatorId)!.Sequence);
            Assert.False(app.Services.GetRequiredService<DeviceActivityRegistry>().For(DemoDevices.DeviceIdFor(1)).Connected);
            await AssertStillServingAsync(app, 4);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task RenameTableAsync(TiLianBangAppFactory app, string from, string to)
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(app.DataDirectory, "tilianbang.db")};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"ALTER TABLE \"{from}\" RENAME TO \"{to}\"";
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Web, health check and broker all still answer: a collector's state goes live.</summary>
    private static async Task AssertStillServingAsync(TiLianBangAppFactory app, int elevatorIndex)
    {
        using var http = app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/account/signin")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health")).StatusCode);
        await app.AssertStillServesCollectorsAsync(elevatorIndex);
        Assert.False(app.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.IsCancellationRequested);
    }

    /// <summary>
    /// Moves the fake clock on a second at a time until <paramref name="work"/> has completed: retries and back-offs
    /// run on the app's TimeProvider. The real-time guard only stops a hung test.
    /// </summary>
    private static async Task AdvanceUntilAsync(TiLianBangAppFactory app, Task work)
    {
        var guard = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!work.IsCompleted)
        {
            Assert.True(DateTime.UtcNow < guard, "gave up waiting");
            app.Clock.Advance(TimeSpan.FromSeconds(1));
            await Task.WhenAny(work, Task.Delay(20));
        }
    }

    private static Task Until(Func<bool> condition) => Until(() => Task.FromResult(condition()));

    private static Task Until(Func<Task<bool>> condition) => Task.Run(async () =>
    {
        while (!await condition())
        {
            await Task.Delay(10);
        }
    });

    private static Task<int> OrdersAsync(TiLianBangAppFactory app, int elevatorId) =>
        app.AsSystemAsync((_, db) => db.RepairOrders.CountAsync(o => o.ElevatorId == elevatorId && o.FaultCode == TrappedCode));

    private static Task<int> SentAsync(TiLianBangAppFactory app) =>
        app.AsSystemAsync((_, db) => db.Notifications.CountAsync(n => n.Status == NotificationStatus.Sent));

    private sealed class FlakyLoop(TimeProvider clock) : ResilientBackgroundService(clock, NullLogger.Instance)
    {
        private int _runs;

        public TaskCompletionSource FirstRunFailed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public TaskCompletionSource SecondRun { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        protected override async Task RunAsync(CancellationToken stoppingToken)
        {
            if (Interlocked.Increment(ref _runs) == 1)
            {
                FirstRunFailed.SetResult();
                throw new InvalidOperationException("the dependency is gone");
            }
            SecondRun.TrySetResult();
            await Task.Delay(Timeout.Infinite, stoppingToken);
        }
    }
}
