using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using MQTTnet;
using TiLianBang.Core.Accounts;
using TiLianBang.Core.Data;
using TiLianBang.Core.Demo;
using TiLianBang.Tests.Infrastructure;
using Xunit.Abstractions;

namespace TiLianBang.Tests.Mqtt;

/// <summary>
/// At-least-once for QoS 1: the application process is killed outright at random moments right after it has
/// acknowledged events, started again on the same database, and every acknowledged event must be there exactly once,
/// handled, with the repair orders it implies.
/// </summary>
public sealed class CrashRecoveryTests(ITestOutputHelper output)
{
    private const int Collectors = 4;
    private const int Kills = 3;
    private const int TrappedCode = 11;

    [Fact]
    public async Task EveryAcknowledgedEventSurvivesAKillExactlyOnceWithItsRepairOrder()
    {
        var seed = Environment.TickCount;
        output.WriteLine($"seed {seed}");
        var random = new Random(seed);
        var folder = Directory.CreateTempSubdirectory("tlb-crash-").FullName;
        var acknowledged = new ConcurrentBag<(string DeviceId, string EventId)>();
        try
        {
            for (var round = 0; round < Kills; round++)
            {
                await using var app = await AppProcess.StartAsync(folder);
                var killAfter = random.Next(1, 300);
                var acks = 0;
                var killed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                var publishers = Enumerable.Range(1, Collectors).Select(n => PublishUntilGoneAsync(app, round, n, () =>
                {
                    if (Interlocked.Increment(ref acks) == killAfter)
                    {
                        // Right after this acknowledgement: no shutdown, no draining.
                        _ = app.KillAsync().ContinueWith(_ => killed.TrySetResult(), TaskScheduler.Default);
                    }
                }, acknowledged));
                await Task.WhenAll(publishers);
                await killed.Task.WaitAsync(TimeSpan.FromSeconds(60));
                output.WriteLine($"round {round}: killed after {killAfter} acknowledgements ({acks} acknowledged in all)");
                Report(app);
            }
            // One more start handles what the last kill left; a normal stop then closes the database.
            await using (var app = await AppProcess.StartAsync(folder))
            {
                await app.StopAsync();
                Report(app);
            }

            var options = new DbContextOptionsBuilder<SqliteTiLianBangDbContext>().UseSqlite($"Data Source={Path.Combine(folder, "tilianbang.db")}").Options;
            await using var db = new SqliteTiLianBangDbContext(options, new CurrentActor(), TimeProvider.System);
            var devices = Enumerable.Range(1, Collectors).Select(DemoDevices.DeviceIdFor).ToList();
            var stored = await db.ElevatorEvents.IgnoreQueryFilters().Where(e => devices.Contains(e.DeviceId)).ToListAsync();
            var storedKeys = stored.GroupBy(e => (e.DeviceId, e.EventId)).ToDictionary(g => g.Key, g => g.Count());

            Assert.NotEmpty(acknowledged);
            Assert.All(acknowledged, a => Assert.True(storedKeys.TryGetValue(a, out var count) && count == 1,
                $"acknowledged event {a.EventId} of {a.DeviceId} is stored {storedKeys.GetValueOrDefault(a)} times"));
            Assert.All(stored, e => Assert.NotNull(e.HandledAtUtc));

            var elevators = await db.Devices.IgnoreQueryFilters().Where(d => devices.Contains(d.DeviceId)).ToDictionaryAsync(d => d.DeviceId, d => d.ElevatorId!.Value);
            var orders = await db.RepairOrders.IgnoreQueryFilters().Where(o => o.FaultCode == TrappedCode).ToListAsync();
            foreach (var device in devices)
            {
                var trapped = stored.Count(e => e.DeviceId == device && e.Code == TrappedCode && e.Raised);
                var order = Assert.Single(orders, o => o.ElevatorId == elevators[device]);
                // Every stored 困人 event was handled once: no lost order, no repeat counted twice.
                Assert.Equal(trapped, order.Occurrences);
            }
            output.WriteLine($"{acknowledged.Count} acknowledged, {stored.Count} stored");
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>What went wrong inside the app, for the reader of a failed run.</summary>
    private void Report(AppProcess app)
    {
        foreach (var line in app.Output.Split('\n').Where(l => l.Contains(" ERR]", StringComparison.Ordinal) || l.Contains(" WRN]", StringComparison.Ordinal) || l.Contains("Exception", StringComparison.Ordinal) || l.Contains("Handling", StringComparison.Ordinal)))
        {
            output.WriteLine("  app: " + line);
        }
    }

    /// <summary>Publishes QoS 1 events back to back until the broker goes away; notes each acknowledged one.</summary>
    private static async Task PublishUntilGoneAsync(AppProcess app, int round, int elevator, Action acked, ConcurrentBag<(string, string)> acknowledged)
    {
        var deviceId = DemoDevices.DeviceIdFor(elevator);
        var (client, result) = await MqttTestClient.ConnectAsync(app.MqttPort, deviceId, deviceId, DemoDevices.SecretFor(deviceId));
        using (client)
        {
            Assert.Equal(MqttClientConnectResultCode.Success, result.ResultCode);
            for (var i = 0; ; i++)
            {
                var eventId = $"crash-{round}-{i}";
                // Every fifth is 困人 (creates a repair order); the rest are plain events.
                var payload = i % 5 == 0
                    ? $$"""{"id":"{{eventId}}","code":{{TrappedCode}},"state":1,"floor":3}"""
                    : $$"""{"id":"{{eventId}}","code":40,"state":1}""";
                try
                {
                    var ack = await client.PublishAsync($"tlb/{deviceId}/event", payload);
                    if (!ack.IsSuccess)
                    {
                        return;
                    }
                }
                catch (Exception e) when (e is MQTTnet.Exceptions.MqttCommunicationException or OperationCanceledException or InvalidOperationException)
                {
                    return;
                }
                acknowledged.Add((deviceId, eventId));
                acked();
            }
        }
    }
}
