using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using TiLianBang.Core.Devices.LiveState;
using TiLianBang.Core.Devices.Pipeline;

namespace TiLianBang.Benchmarks;

/// <summary>
/// Hosts the application, provisions N collectors, then measures while the load runs: connected count, accepted
/// messages per second, latency from the device's send time (<c>ts</c>) to the live-state notification, CPU and
/// memory of this process. Prints one RESULT line once the load has been quiet for a few seconds.
/// </summary>
internal static class ServerMode
{
    private static string Counters(DeviceActivityRegistry activities) =>
        $"superseded={activities.All.Sum(a => a.Superseded)} overBudgetDropped={activities.All.Sum(a => a.OverBudgetDropped)} overBudgetDelayed={activities.All.Sum(a => a.OverBudgetDelayed)}";

    private static async Task<int> StateChangesAsync(IServiceProvider services)
    {
        await services.GetRequiredService<TiLianBang.Core.Devices.Recording.DeviceRecordBuffer>().FlushAsync(CancellationToken.None);
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TiLianBang.Core.Data.TiLianBangDbContext>();
        return await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.IgnoreQueryFilters(db.StateChanges));
    }

    public static async Task<int> RunAsync(int collectors, int seconds, int port, int steadyCollectors = 0)
    {
        var data = Directory.CreateTempSubdirectory("tlb-bench-").FullName;
        await using var factory = new BenchmarkFactory(data, port);
        var services = factory.Services;
        await Provisioning.EnsureCollectorsAsync(services, collectors);
        var hub = services.GetRequiredService<IElevatorStateHub>();
        var activities = services.GetRequiredService<DeviceActivityRegistry>();
        var latency = new LatencyHistogram();
        // With --steady K (overload runs): the last K collectors send at the protocol's pace; their latency on its own.
        var steadyLatency = new LatencyHistogram();
        // After the first 30 s of load (connecting, first states, caches warming), and per 10 s window: a cumulative
        // p99 alone cannot tell a start-up burst from a steady state.
        var afterWarmUp = new LatencyHistogram();
        var warm = false;
        var window = new LatencyHistogram();
        using var subscription = hub.SubscribeAll(change =>
        {
            if (change.State.Sequence != change.Previous?.Sequence && change.State.StateDeviceTime is { } sent)
            {
                var ms = (long)(DateTimeOffset.UtcNow - sent).TotalMilliseconds;
                latency.Add(ms);
                Volatile.Read(ref window).Add(ms);
                if (Volatile.Read(ref warm))
                {
                    afterWarmUp.Add(ms);
                }
                if (steadyCollectors > 0 && int.Parse(change.State.DeviceId[^7..], CultureInfo.InvariantCulture) > collectors - steadyCollectors)
                {
                    steadyLatency.Add(ms);
                }
            }
        });
        Console.WriteLine($"READY port={port} collectors={collectors}");

        var process = Process.GetCurrentProcess();
        var cpuSamples = new List<double>();
        var rates = new List<long>();
        long peakWorkingSet = 0;
        var lastAccepted = 0L;
        var quietFor = 0;
        var activeSeconds = 0;
        var peakConnected = 0;
        var lastCpu = process.TotalProcessorTime;
        var lastWall = Stopwatch.GetTimestamp();
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        while (await timer.WaitForNextTickAsync())
        {
            process.Refresh();
            var cpu = process.TotalProcessorTime;
            var wall = Stopwatch.GetElapsedTime(lastWall);
            lastWall = Stopwatch.GetTimestamp();
            var cpuPercent = (cpu - lastCpu).TotalMilliseconds / wall.TotalMilliseconds * 100;
            lastCpu = cpu;
            var accepted = activities.All.Sum(a => a.Accepted);
            var connected = activities.All.Count(a => a.Connected);
            peakConnected = Math.Max(peakConnected, connected);
            var delta = accepted - lastAccepted;
            lastAccepted = accepted;
            if (delta > 0)
            {
                activeSeconds++;
                quietFor = 0;
                cpuSamples.Add(cpuPercent);
                rates.Add(delta);
                peakWorkingSet = Math.Max(peakWorkingSet, process.WorkingSet64);
                Volatile.Write(ref warm, activeSeconds > 30);
                var windowText = "";
                if (activeSeconds % 10 == 0)
                {
                    var closed = Interlocked.Exchange(ref window, new LatencyHistogram());
                    windowText = string.Create(CultureInfo.InvariantCulture, $" last10s-p99={closed.Percentile(0.99)}ms last10s-max={closed.Percentile(1.0)}ms gen2={GC.CollectionCount(2)}");
                }
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"t={activeSeconds}s connected={connected} msg/s={delta} p50={latency.Percentile(0.5)}ms p99={latency.Percentile(0.99)}ms cpu={cpuPercent:F0}% ws={process.WorkingSet64 / 1048576}MiB{windowText}"));
            }
            else if (accepted > 0 && ++quietFor >= 5)
            {
                break;
            }
            if (activeSeconds > seconds + 120)
            {
                break;
            }
        }
        var rejected = activities.All.Sum(a => a.Rejected);
        var writer = services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<TiLianBang.Core.Devices.Recording.DeviceRecordWriter>().Single();
        // Steady state: leave out the first seconds of connecting and ramping up.
        var skip = Math.Min(5, cpuSamples.Count / 4);
        var steady = cpuSamples.Skip(skip).ToList();
        var steadyRates = rates.Skip(skip).Order().ToList();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"RESULT collectors={collectors} connected={peakConnected} accepted={lastAccepted} rejected={rejected} " +
            $"rate={(steadyRates.Count == 0 ? 0 : steadyRates[steadyRates.Count / 2])}/s p50={latency.Percentile(0.5)}ms p99={latency.Percentile(0.99)}ms " +
            $"max={latency.Percentile(1.0)}ms cpu={(steady.Count == 0 ? 0 : steady.Average()):F0}% peakWorkingSet={peakWorkingSet / 1048576}MiB " +
            $"gcHeap={GC.GetTotalMemory(false) / 1048576}MiB records={writer.Written} commits={writer.Commits} " +
            $"afterWarmUp-p50={afterWarmUp.Percentile(0.5)}ms afterWarmUp-p99={afterWarmUp.Percentile(0.99)}ms afterWarmUp-max={afterWarmUp.Percentile(1.0)}ms gen2={GC.CollectionCount(2)}"));
        var stateChanges = await StateChangesAsync(services);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"OVERLOAD applied={latency.Count} {Counters(activities)} steady-p50={steadyLatency.Percentile(0.5)}ms steady-p99={steadyLatency.Percentile(0.99)}ms steady-max={steadyLatency.Percentile(1.0)}ms steady-applied={steadyLatency.Count} " +
            $"stateChanges={stateChanges}"));
        return 0;
    }
}
