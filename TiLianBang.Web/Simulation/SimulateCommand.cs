using System.Globalization;
using TiLianBang.Core.Demo;

namespace TiLianBang.Web.Simulation;

/// <summary>
/// <c>dotnet run --project TiLianBang.Web -- simulate [--host h] [--port p] [--count n] [--first k] [--floors f]
/// [--faults-per-hour r]</c>: plays demo collectors against any broker (ours, Mosquitto, EMQX) until Ctrl+C.
/// </summary>
public static class SimulateCommand
{
    /// <summary><c>device-secret ID</c>: the secret of a demo collector (real collectors have random ones).</summary>
    public static int PrintDemoSecret(string deviceId)
    {
        if (!DemoDevices.IsDemoDevice(deviceId))
        {
            Console.Error.WriteLine($"{deviceId} is not a demo collector; a real collector's secret is shown once, when it is registered.");
            return 1;
        }
        Console.WriteLine(DemoDevices.SecretFor(deviceId));
        return 0;
    }

    public static async Task<int> RunAsync(string[] args)
    {
        string Option(string name, string fallback)
        {
            var i = Array.IndexOf(args, "--" + name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
        }
        var host = Option("host", "127.0.0.1");
        var port = int.Parse(Option("port", "1883"), CultureInfo.InvariantCulture);
        var count = int.Parse(Option("count", "10"), CultureInfo.InvariantCulture);
        var first = int.Parse(Option("first", "1"), CultureInfo.InvariantCulture);
        var floors = int.Parse(Option("floors", "18"), CultureInfo.InvariantCulture);
        var faults = double.Parse(Option("faults-per-hour", "0.5"), CultureInfo.InvariantCulture);

        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };
        var now = TimeProvider.System.GetUtcNow();
        var collectors = Enumerable.Range(first, count)
            .Select(n => DemoDevices.DeviceIdFor(n))
            .Select((id, i) => new SimulatedCollector(id, DemoDevices.SecretFor(id),
                new SimulatedElevator(floors, 1.75, seed: i + 1, faults, now), TimeProvider.System))
            .ToList();
        using var loggers = LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true));
        var logger = loggers.CreateLogger("simulate");
        try
        {
            var connected = await ElevatorSimulator.ConnectAllAsync(collectors, host, port, logger, stop.Token);
            if (connected == 0)
            {
                await Console.Error.WriteLineAsync($"No simulated collector could connect to {host}:{port}.");
                return 1;
            }
            Console.WriteLine($"{connected} of {collectors.Count} simulated collectors connected to {host}:{port} ({collectors[0].DeviceId} …). Ctrl+C stops.");
            await ElevatorSimulator.RunAsync(collectors, TimeProvider.System, logger, stop.Token);
            return 0;
        }
        finally
        {
            foreach (var collector in collectors)
            {
                await collector.DisposeAsync();
            }
        }
    }
}
