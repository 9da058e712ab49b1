using System.Globalization;

namespace TiLianBang.Benchmarks;

/// <summary>
/// Two processes, so that the server's CPU and memory are its own:
///   server --collectors N --seconds S --port P   hosts the real application (broker, pipeline, writer) and reports
///   load   --collectors N --seconds S --port P   plays N collectors: state once a second each, plus events
///   overload --collectors N --seconds S --port P [--boundaries 1] [--steady K]   N collectors publish QoS 0 states
///                                           back to back (every one a trip boundary with --boundaries 1), except the
///                                           last K, which send 4 a second; server --steady K reports their latency
///   events --collectors N --seconds S --port P [--code C]   N collectors publish QoS 1 events back to back (each
///                                           waits for its PUBACK); prints acknowledged events per second
/// benchmarks/device-throughput.sh runs both and prints the table.
///   ui-latency --changes C --background N   device publish → tile DOM change in Debian's chromium, with N other
///                                           collectors sending 1 state/s meanwhile
///   maintenance --elevators N               the maintenance generation and expiry-warning jobs over N planned elevators
///   import --rows N                         an N-row archive workbook: refused for one bad row, imported, re-imported, exported
///   pages --elevators N --runs R            every staff page opened in chromium: time to first byte, DOMContentLoaded, interactive
///   statistics --elevators N --orders R --runs K [--data DIR]   a year of records for N elevators, then every statistics call timed
///   year-of-data --elevators N --days D --trips T --stats-minutes M --writer-rate W   a year of raw device rows for N
///                                           elevators: sizes per table projected to 5,000, the fold, the prune while the
///                                           writer stores W rows/s, 运行统计 / 故障统计 before and after
///   wall-screen --minutes M --sample S [--page 0]   the wall screen open in chromium for M minutes: server and page
///                                           memory every S s (--page 0: the server alone, the control)
///   map --communities N --elevators E --runs R --changes C --burst B   地图监控 in chromium: first render and the cost
///                                           of a status change (single changes and a burst over B places)
///   device-secret --runs N                  one collector's secret check at CONNECT ($7$ and the older s1 hash)
///   live-server / live-load                 the mini-program's live socket: S sockets, N elevators moving (LiveSocketsMode)
///   raw-load --connections N [--rate R | --back-to-back] [--kind state|event] [--qos 0|1] [--inflight W]
///            [--protocol 3.1.1|5] [--seconds S] [--host H] [--port P] [--first F] [--threads T]
///                                           the raw-socket load generator (RawLoadMode; issue 20): pre-encoded
///                                           packets, exact pacing or back to back; prints sent and acknowledged
///   broker-server --collectors N --port P --data DIR [--budget R]   the platform until SIGTERM (benchmarks/broker-ratio.sh);
///                                           --budget is Mqtt:DeviceBudget:MessagesPerSecond, 0 (off) by default
///   cpu-report TRACE [FILTER] [--top N]     managed-code CPU samples of a dotnet-trace file by method (TraceReports)
///   gc-report TRACE                         every GC of a gc-verbose dotnet-trace file: pause, promotion; allocations by type
///   sizing-server / sizing-load             S staff sessions (headless Blazor circuits) on 区域监控 and elevator
///                                           detail while N collectors send (SizingMode, benchmarks/sizing.sh)
/// </summary>
internal static class BenchmarkMain
{
    public static async Task<int> Main(string[] args)
    {
        int Option(string name, int fallback)
        {
            var i = Array.IndexOf(args, "--" + name);
            return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
        }

        string Text(string name, string fallback)
        {
            var i = Array.IndexOf(args, "--" + name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
        }

        return args.FirstOrDefault() switch
        {
            "server" => await ServerMode.RunAsync(Option("collectors", 1000), Option("seconds", 60), Option("port", 18830), Option("steady", 0)),
            "overload" => await OverloadMode.RunAsync(Option("collectors", 200), Option("port", 18830), Option("seconds", 30), Option("boundaries", 0) != 0, Option("steady", 0)),
            "load" => await LoadMode.RunAsync(Option("collectors", 1000), Option("port", 18830), Option("seconds", 60)),
            "events" => await EventLoadMode.RunAsync(Option("collectors", 100), Option("port", 18830), Option("seconds", 20), Option("code", 40)),
            "ui-latency" => await UiLatencyMode.RunAsync(Option("changes", 100), Option("background", 0)),
            "maintenance" => await MaintenanceBenchmark.RunAsync(Option("elevators", 1000)),
            "import" => await ImportBenchmark.RunAsync(Option("rows", 5000)),
            "statistics" => await StatisticsBenchmark.RunAsync(Option("elevators", 5000), Option("orders", 20000), Option("runs", 5), Array.IndexOf(args, "--data") >= 0 ? Text("data", "") : null),
            "year-of-data" => await YearOfDataBenchmark.RunAsync(Option("elevators", 25), Option("days", 365), Option("trips", 300), Option("stats-minutes", 5), Option("writer-rate", 500)),
            "wall-screen" => await WallScreenMode.RunAsync(Option("minutes", 60), Option("sample", 60), Option("page", 1) != 0),
            "map" => await MapMode.RunAsync(Option("communities", 5000), Option("elevators", 50000), Option("runs", 3), Option("changes", 40), Option("burst", 1000)),
            "device-secret" => DeviceSecretBenchmark.Run(Option("runs", 20000)),
            "health-tracker" => HealthTrackerBenchmark.Run(Option("elevators", 5000), Option("messages", 2000)),
            "health-checks" => await HealthChecksBenchmark.RunAsync(Option("elevators", 5000), Option("landings", 12)),
            "pages" => await PageTimingMode.RunAsync(Option("elevators", 0), Option("runs", 3)),
            "live-server" => await LiveSocketsMode.ServerAsync(Option("elevators", 200), Option("http-port", 18080), Option("port", 18830), Text("map", "live-map.txt")),
            "live-load" => await LiveSocketsMode.LoadAsync(Option("sockets", 2000), Option("elevators", 200), Option("seconds", 30), Option("http-port", 18080), Option("port", 18830), Text("map", "live-map.txt"), Option("per-socket", 1)),
            "raw-load" => await RawLoadMode.RunAsync(new RawLoadOptions(
                Text("host", "127.0.0.1"), Option("port", 1883), Option("connections", 200), Option("first", 1),
                double.Parse(Text("rate", "1"), CultureInfo.InvariantCulture), Array.IndexOf(args, "--back-to-back") >= 0,
                Text("kind", "state") == "event", Option("qos", Text("kind", "state") == "event" ? 1 : 0), Option("inflight", 10),
                Text("protocol", "3.1.1") == "5" ? 5 : 4, Option("seconds", 10), Option("threads", 1))),
            "broker-server" => await BrokerServerMode.RunAsync(Option("collectors", 200), Option("port", 18830), Text("data", Path.Combine(Path.GetTempPath(), "tlb-broker-server")), Option("budget", 0)),
            "cpu-report" when args.Length > 1 => TraceReports.Cpu(args[1], args.Length > 2 && !args[2].StartsWith("--", StringComparison.Ordinal) ? args[2] : null, Option("top", 60)),
            "gc-report" when args.Length > 1 => TraceReports.Gc(args[1]),
            "sizing-server" => await SizingMode.ServerAsync(Option("collectors", 1000), Option("http-port", 18081), Option("port", 18832), Text("map", "sizing-map.txt")),
            "sizing-load" => await SizingMode.LoadAsync(Option("sessions", 200), Option("collectors", 1000), Option("seconds", 60), Option("http-port", 18081), Option("port", 18832), Text("map", "sizing-map.txt")),
            _ => Usage(),
        };
    }

    private static int Usage()
    {
        Console.Error.WriteLine("usage: TiLianBang.Benchmarks server|load|events --collectors N --seconds S [--port P] [--code C] | raw-load --connections N [--rate R | --back-to-back] [--kind state|event] [--qos 0|1] [--inflight W] [--protocol 3.1.1|5] [--seconds S] [--host H] [--port P] [--first F] [--threads T] | broker-server --collectors N --port P --data DIR [--budget R] | ui-latency --changes C --background N | maintenance --elevators N | import --rows N | pages --elevators N --runs R | map --communities N --elevators E --runs R --changes C --burst B | statistics --elevators N --orders R --runs K | year-of-data --elevators N --days D | wall-screen --minutes M --sample S | live-server --elevators N --http-port H --port P --map F | live-load --sockets S --elevators N --seconds T --http-port H --port P --map F | health-tracker --elevators N --messages M | health-checks --elevators N --landings L | cpu-report TRACE [FILTER] [--top N] | gc-report TRACE | sizing-server --collectors N --http-port H --port P --map F | sizing-load --sessions S --collectors N --seconds T --http-port H --port P --map F");
        return 2;
    }
}
