using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using TiLianBang.Core.Demo;
using TiLianBang.Web.Simulation;

namespace TiLianBang.Benchmarks;

/// <summary>
/// N simulated collectors over real TCP: each publishes its state once a second (spread over the second) and
/// raises or clears a fault once a minute, for the given number of seconds; then prints what it sent.
/// </summary>
internal static class LoadMode
{
    private const int Slots = 100;

    public static async Task<int> RunAsync(int count, int port, int seconds)
    {
        var now = TimeProvider.System.GetUtcNow();
        var collectors = Enumerable.Range(1, count)
            .Select(n => DemoDevices.DeviceIdFor(n))
            .Select((id, i) => new SimulatedCollector(id, DemoDevices.SecretFor(id), new SimulatedElevator(18, 1.75, i, 0, now), TimeProvider.System))
            .ToList();
        var connecting = Stopwatch.StartNew();
        var connected = await ElevatorSimulator.ConnectAllAsync(collectors, "127.0.0.1", port, NullLogger.Instance, CancellationToken.None);
        Console.WriteLine($"CONNECTED {connected} of {collectors.Count} in {connecting.Elapsed.TotalSeconds:F1}s");

        long states = 0, events = 0;
        var raised = new bool[count];
        var slotSize = (count + Slots - 1) / Slots;
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(1000.0 / Slots));
        var running = Stopwatch.StartNew();
        var tick = 0L;
        while (running.Elapsed < TimeSpan.FromSeconds(seconds) && await timer.WaitForNextTickAsync())
        {
            var slot = (int)(tick++ % Slots);
            var second = tick / Slots;
            var batch = collectors.Skip(slot * slotSize).Take(slotSize).Select(async (c, j) =>
            {
                var index = slot * slotSize + j;
                await c.PublishStateAsync(CancellationToken.None);
                Interlocked.Increment(ref states);
                if ((second + index) % 60 == 0)
                {
                    raised[index] = !raised[index];
                    await c.PublishEventAsync(2, raised[index], CancellationToken.None);
                    Interlocked.Increment(ref events);
                }
            });
            await Task.WhenAll(batch);
        }
        Console.WriteLine($"SENT states={states} events={events} total={states + events} seconds={running.Elapsed.TotalSeconds:F1}");
        foreach (var collector in collectors)
        {
            await collector.DisposeAsync();
        }
        return 0;
    }
}
