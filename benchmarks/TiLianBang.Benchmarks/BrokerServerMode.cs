using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using TiLianBang.Core.Devices.Pipeline;
using TiLianBang.Core.Devices.Recording;

namespace TiLianBang.Benchmarks;

/// <summary>
/// The platform for benchmarks/broker-ratio.sh: the real application (embedded broker, full pipeline, SQLite in the
/// given folder, demo data plus N provisioned collectors), up until SIGTERM or SIGINT, however long the load pauses
/// between phases (ServerMode stops after a quiet spell). Prints each second the messages the pipeline accepted and
/// the records the writer committed, so a reader can compare them with what the generator says it sent. The per-device
/// budgets (messages and records) are off unless given: at its default (20 a second after a burst of 200) 200 collectors sending back to back
/// would measure the budget (4,000 a second), not the pipeline.
/// </summary>
internal static class BrokerServerMode
{
    public static async Task<int> RunAsync(int collectors, int port, string data, int budget)
    {
        Directory.CreateDirectory(data);
        using var stop = new CancellationTokenSource();
        using var onTerm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => { context.Cancel = true; stop.Cancel(); });
        using var onInt = PosixSignalRegistration.Create(PosixSignal.SIGINT, context => { context.Cancel = true; stop.Cancel(); });
        await using var factory = new BenchmarkFactory(data, port, new Dictionary<string, string>
        {
            ["Mqtt:DeviceBudget:MessagesPerSecond"] = budget.ToString(CultureInfo.InvariantCulture),
            // Back to back, one collector sends 150 events a second: the record budget (1,000, then 50 a second)
            // would close every connection after about ten seconds.
            ["Mqtt:DeviceBudget:RecordsPerSecond"] = budget > 0 ? new DeviceBudgetOptions().RecordsPerSecond.ToString(CultureInfo.InvariantCulture) : "0",
        });
        var services = factory.Services;
        await Provisioning.EnsureCollectorsAsync(services, collectors);
        var activities = services.GetRequiredService<DeviceActivityRegistry>();
        var writer = services.GetServices<IHostedService>().OfType<DeviceRecordWriter>().Single();
        Console.WriteLine($"READY port={port} collectors={collectors} pid={Environment.ProcessId}");

        var process = Process.GetCurrentProcess();
        var lastCpu = process.TotalProcessorTime;
        var lastWall = Stopwatch.GetTimestamp();
        long lastAccepted = 0, lastWritten = 0;
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        try
        {
            while (await timer.WaitForNextTickAsync(stop.Token))
            {
                process.Refresh();
                var cpu = process.TotalProcessorTime;
                var wall = Stopwatch.GetElapsedTime(lastWall);
                lastWall = Stopwatch.GetTimestamp();
                var cpuPercent = (cpu - lastCpu).TotalMilliseconds / wall.TotalMilliseconds * 100;
                lastCpu = cpu;
                var accepted = activities.All.Sum(a => a.Accepted);
                var written = writer.Written;
                if (accepted != lastAccepted || written != lastWritten)
                {
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"SERVER accepted={accepted} accepted/s={accepted - lastAccepted} written={written} written/s={written - lastWritten} " +
                        $"rejected={activities.All.Sum(a => a.Rejected)} connected={activities.All.Count(a => a.Connected)} cpu={cpuPercent:F0}% ws={process.WorkingSet64 / 1048576}MiB"));
                }
                lastAccepted = accepted;
                lastWritten = written;
            }
        }
        catch (OperationCanceledException)
        {
        }
        Console.WriteLine($"STOPPED accepted={lastAccepted} written={writer.Written} commits={writer.Commits}");
        return 0;
    }
}
