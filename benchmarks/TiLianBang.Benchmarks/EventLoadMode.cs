using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using TiLianBang.Core.Demo;
using TiLianBang.Web.Simulation;

namespace TiLianBang.Benchmarks;

/// <summary>
/// QoS 1 events back to back: N collectors each publish an event and wait for its PUBACK before the next one, for
/// the given number of seconds; prints how many were acknowledged per second. With the durable acknowledgement
/// a PUBACK means the event is committed, so this is the rate of stored events.
/// </summary>
internal static class EventLoadMode
{
    public static async Task<int> RunAsync(int count, int port, int seconds, int code)
    {
        var now = TimeProvider.System.GetUtcNow();
        var collectors = Enumerable.Range(1, count)
            .Select(n => DemoDevices.DeviceIdFor(n))
            .Select((id, i) => new SimulatedCollector(id, DemoDevices.SecretFor(id), new SimulatedElevator(18, 1.75, i, 0, now), TimeProvider.System))
            .ToList();
        var connected = await ElevatorSimulator.ConnectAllAsync(collectors, "127.0.0.1", port, NullLogger.Instance, CancellationToken.None);
        Console.WriteLine($"CONNECTED {connected} of {collectors.Count}");

        long acknowledged = 0;
        var running = Stopwatch.StartNew();
        var end = TimeSpan.FromSeconds(seconds);
        var perSecond = new List<long>();
        using var sampler = new CancellationTokenSource();
        var sampling = Task.Run(async () =>
        {
            using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
            var last = 0L;
            while (await timer.WaitForNextTickAsync(sampler.Token).ConfigureAwait(false))
            {
                var now = Interlocked.Read(ref acknowledged);
                perSecond.Add(now - last);
                last = now;
            }
        });
        await Task.WhenAll(collectors.Select(async c =>
        {
            var raised = false;
            while (running.Elapsed < end)
            {
                raised = !raised;
                await c.PublishEventAsync(code, raised, CancellationToken.None);
                Interlocked.Increment(ref acknowledged);
            }
        }));
        var elapsed = running.Elapsed.TotalSeconds;
        await sampler.CancelAsync();
        try
        {
            await sampling;
        }
        catch (OperationCanceledException)
        {
        }
        var steady = perSecond.Skip(2).Order().ToList();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"EVENTS collectors={count} code={code} acknowledged={acknowledged} seconds={elapsed:F1} mean={acknowledged / elapsed:F0}/s median={(steady.Count == 0 ? 0 : steady[steady.Count / 2])}/s"));
        foreach (var collector in collectors)
        {
            await collector.DisposeAsync();
        }
        return 0;
    }
}
