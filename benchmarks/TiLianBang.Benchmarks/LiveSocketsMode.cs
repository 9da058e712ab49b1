using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using TiLianBang.Core.Accounts;
using TiLianBang.Core.Data;
using TiLianBang.Core.Demo;
using TiLianBang.Web.Features.Accounts;
using TiLianBang.Web.Features.Live;
using TiLianBang.Web.Simulation;

namespace TiLianBang.Benchmarks;

/// <summary>
/// The mini-program's live socket (<c>/api/v1/live</c>) under load, in two processes:
///   live-server --elevators N --http-port H --port P --map FILE   the real application on Kestrel with N elevators;
///                 writes "deviceId elevatorId" lines to FILE, prints READY, samples its CPU and memory while sockets
///                 are open and prints RESULT once they have all closed
///   live-load --sockets S --elevators N --seconds T --http-port H --port P --map FILE [--per-socket K]   opens S
///                 sockets (4 of 5 on K elevators each, default 1, round robin; 1 of 5 on the status counts, over three
///                 company scopes), then N
///                 simulated collectors send their state once a second; prints frames per second delivered and the
///                 latency from the collector's send time (<c>ts</c>, same machine clock) to the frame's arrival
/// </summary>
internal static class LiveSocketsMode
{
    private static readonly string[] Accounts = [DemoAccounts.PlatformAdmin, DemoAccounts.MaintenanceManager, DemoAccounts.OtherMaintenanceManager];

    public static async Task<int> ServerAsync(int elevators, int httpPort, int mqttPort, string map)
    {
        var data = Directory.CreateTempSubdirectory("tlb-live-").FullName;
        await using var factory = new BenchmarkFactory(data, mqttPort, new Dictionary<string, string>
        {
            // One account opens all the benchmark's sockets.
            ["Live:MaxSocketsPerAccount"] = "100000",
            // Every benchmark socket connects from one address; the limit is for a real client's address.
            ["RateLimits:LiveConnectsPerMinute"] = "1000000",
        });
        factory.UseKestrel(httpPort);
        factory.StartServer();
        var services = factory.Services;
        await Provisioning.EnsureCollectorsAsync(services, elevators);
        await using (var scope = services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<CurrentActor>().SetSystem("benchmark");
            var bound = await scope.ServiceProvider.GetRequiredService<TiLianBangDbContext>().Devices
                .Where(d => d.ElevatorId != null).OrderBy(d => d.DeviceId).Select(d => new { d.DeviceId, d.ElevatorId }).ToListAsync();
            await File.WriteAllLinesAsync(map, bound.Select(d => $"{d.DeviceId} {d.ElevatorId}"));
        }
        var registry = services.GetRequiredService<LiveSessionRegistry>();
        Console.WriteLine($"READY http={httpPort} mqtt={mqttPort} elevators={elevators}");

        var process = Process.GetCurrentProcess();
        var cpuSamples = new List<double>();
        long peakWorkingSet = 0;
        var peakSockets = 0;
        var lastCpu = process.TotalProcessorTime;
        var lastWall = Stopwatch.GetTimestamp();
        var idle = 0;
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        while (await timer.WaitForNextTickAsync())
        {
            process.Refresh();
            var cpu = process.TotalProcessorTime;
            var wall = Stopwatch.GetElapsedTime(lastWall);
            lastWall = Stopwatch.GetTimestamp();
            var cpuPercent = (cpu - lastCpu).TotalMilliseconds / wall.TotalMilliseconds * 100;
            lastCpu = cpu;
            var sockets = registry.Count;
            peakSockets = Math.Max(peakSockets, sockets);
            if (sockets > 0)
            {
                idle = 0;
                cpuSamples.Add(cpuPercent);
                peakWorkingSet = Math.Max(peakWorkingSet, process.WorkingSet64);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"t={cpuSamples.Count}s sockets={sockets} cpu={cpuPercent:F0}% ws={process.WorkingSet64 / 1048576}MiB"));
            }
            else if (peakSockets > 0 && ++idle >= 3)
            {
                break;
            }
        }
        // Steady state: leave out the seconds of opening sockets.
        var steady = cpuSamples.Skip(Math.Min(5, cpuSamples.Count / 4)).ToList();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"RESULT peakSockets={peakSockets} cpu={(steady.Count == 0 ? 0 : steady.Average()):F0}% peakWorkingSet={peakWorkingSet / 1048576}MiB"));
        return 0;
    }

    public static async Task<int> LoadAsync(int socketCount, int elevators, int seconds, int httpPort, int mqttPort, string map, int perSocket)
    {
        var elevatorOf = (await File.ReadAllLinesAsync(map))
            .Select(l => l.Split(' '))
            .ToDictionary(p => p[0], p => int.Parse(p[1], CultureInfo.InvariantCulture));
        var deviceIds = Enumerable.Range(1, elevators).Select(DemoDevices.DeviceIdFor).ToList();
        var elevatorIds = deviceIds.Select(d => elevatorOf[d]).ToList();

        var baseUri = new Uri($"http://127.0.0.1:{httpPort}");
        using var http = new HttpClient { BaseAddress = baseUri };
        var tokens = new List<string>();
        foreach (var account in Accounts)
        {
            var response = await http.PostAsJsonAsync("/api/v1/auth/token", new TokenRequest(account, DemoAccounts.Password));
            response.EnsureSuccessStatusCode();
            tokens.Add((await response.Content.ReadFromJsonAsync<TokenResponse>())!.AccessToken);
        }

        var stats = new Stats();
        var liveUri = new Uri($"ws://127.0.0.1:{httpPort}/api/v1/live");
        var opening = Stopwatch.StartNew();
        var sockets = new ClientWebSocket[socketCount];
        var receivers = new Task[socketCount];
        var open = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, socketCount), new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (i, ct) =>
        {
            var countsSocket = i % 5 == 4;
            var socket = new ClientWebSocket();
            // Elevator sockets as the platform; the counts over three scopes (each computed once for all its sockets).
            socket.Options.SetRequestHeader("Authorization", $"Bearer {tokens[countsSocket ? i / 5 % tokens.Count : 0]}");
            await socket.ConnectAsync(liveUri, ct);
            // An elevator socket watches perSocket elevators (a list page of the mini-program), consecutive ones.
            var subscriptions = countsSocket
                ? [new { type = "subscribe", topic = "status-counts" }]
                : Enumerable.Range(0, perSocket).Select(j => (object)new { type = "subscribe", elevatorId = elevatorIds[(i * perSocket + j) % elevatorIds.Count] }).ToList();
            foreach (var subscribe in subscriptions)
            {
                await socket.SendAsync(JsonSerializer.SerializeToUtf8Bytes(subscribe), WebSocketMessageType.Text, true, ct);
            }
            sockets[i] = socket;
            receivers[i] = ReceiveAsync(socket, stats);
            Interlocked.Increment(ref open);
        });
        Console.WriteLine($"OPENED {open} of {socketCount} sockets in {opening.Elapsed.TotalSeconds:F1}s");

        var now = TimeProvider.System.GetUtcNow();
        var collectors = deviceIds
            .Select((id, i) => new SimulatedCollector(id, DemoDevices.SecretFor(id), new SimulatedElevator(18, 1.75, i, 0, now), TimeProvider.System))
            .ToList();
        var connected = await ElevatorSimulator.ConnectAllAsync(collectors, "127.0.0.1", mqttPort, NullLogger.Instance, CancellationToken.None);
        Console.WriteLine($"CONNECTED {connected} of {collectors.Count} collectors");

        // Measure only while the collectors publish at their steady rate.
        stats.Reset();
        var publishing = PublishAsync(collectors, seconds);
        var perSecond = new List<long>();
        using (var timer = new PeriodicTimer(TimeSpan.FromSeconds(1)))
        {
            var last = 0L;
            while (!publishing.IsCompleted && await timer.WaitForNextTickAsync())
            {
                var frames = Interlocked.Read(ref stats.Frames);
                perSecond.Add(frames - last);
                last = frames;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"t={perSecond.Count}s frames/s={perSecond[^1]} p50={stats.Latency.Percentile(0.5)}ms p99={stats.Latency.Percentile(0.99)}ms"));
            }
        }
        var sent = await publishing;
        var elapsed = seconds;
        var steady = perSecond.Skip(2).Order().ToList();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"RESULT sockets={open} elevators={elevators} statesSent={sent} frames={stats.Frames} " +
            $"rate={(steady.Count == 0 ? 0 : steady[steady.Count / 2])}/s stateFrames={stats.StateFrames} countFrames={stats.CountFrames} " +
            $"p50={stats.Latency.Percentile(0.5)}ms p90={stats.Latency.Percentile(0.9)}ms p99={stats.Latency.Percentile(0.99)}ms " +
            $"max={stats.Latency.Percentile(1.0)}ms closedByServer={stats.ClosedByServer} errors={stats.Errors} seconds={elapsed}"));

        foreach (var collector in collectors)
        {
            await collector.DisposeAsync();
        }
        await Parallel.ForEachAsync(sockets.Where(s => s is not null), new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (socket, _) =>
        {
            try
            {
                using var closing = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "", closing.Token);
            }
            catch (Exception e) when (e is WebSocketException or OperationCanceledException)
            {
            }
        });
        await Task.WhenAny(Task.WhenAll(receivers.Where(r => r is not null)), Task.Delay(TimeSpan.FromSeconds(15)));
        foreach (var socket in sockets)
        {
            socket?.Dispose();
        }
        return 0;
    }

    /// <summary>Each collector's state once a second, spread over the second (as the device-throughput load does).</summary>
    private static async Task<long> PublishAsync(List<SimulatedCollector> collectors, int seconds)
    {
        const int slots = 100;
        long states = 0;
        var slotSize = (collectors.Count + slots - 1) / slots;
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(1000.0 / slots));
        var running = Stopwatch.StartNew();
        var tick = 0L;
        while (running.Elapsed < TimeSpan.FromSeconds(seconds) && await timer.WaitForNextTickAsync())
        {
            var slot = (int)(tick++ % slots);
            await Task.WhenAll(collectors.Skip(slot * slotSize).Take(slotSize).Select(async c =>
            {
                // A step moves the car (so the status counts change now and then); a state follows every second regardless.
                await c.StepAsync(TimeSpan.FromSeconds(1), CancellationToken.None);
                await c.PublishStateAsync(CancellationToken.None);
                Interlocked.Increment(ref states);
            }));
        }
        return states;
    }

    private static async Task ReceiveAsync(ClientWebSocket socket, Stats stats)
    {
        var buffer = new byte[64 * 1024];
        try
        {
            while (true)
            {
                var count = 0;
                ValueWebSocketReceiveResult result;
                do
                {
                    result = await socket.ReceiveAsync(buffer.AsMemory(count), CancellationToken.None);
                    if (result.MessageType == WebSocketMessageType.Close)
                    {
                        if (socket.CloseStatus != WebSocketCloseStatus.NormalClosure)
                        {
                            Interlocked.Increment(ref stats.ClosedByServer);
                        }
                        return;
                    }
                    count += result.Count;
                }
                while (!result.EndOfMessage);
                var arrived = DateTimeOffset.UtcNow;
                stats.Count(buffer.AsSpan(0, count), arrived);
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException)
        {
        }
    }

    private sealed class Stats
    {
        public long Frames;
        public long StateFrames;
        public long CountFrames;
        public long ClosedByServer;
        public long Errors;
        public LatencyHistogram Latency { get; private set; } = new();

        public void Reset()
        {
            Interlocked.Exchange(ref Frames, 0);
            Interlocked.Exchange(ref StateFrames, 0);
            Interlocked.Exchange(ref CountFrames, 0);
            Latency = new LatencyHistogram();
        }

        public void Count(ReadOnlySpan<byte> frame, DateTimeOffset arrived)
        {
            Interlocked.Increment(ref Frames);
            var reader = new Utf8JsonReader(frame);
            string? type = null;
            while (reader.Read())
            {
                if (reader.TokenType != JsonTokenType.PropertyName)
                {
                    continue;
                }
                if (reader.ValueTextEquals("type"u8) && reader.CurrentDepth == 1)
                {
                    reader.Read();
                    type = reader.GetString();
                    if (type == "statusCounts")
                    {
                        Interlocked.Increment(ref CountFrames);
                        return;
                    }
                    if (type == "error")
                    {
                        Interlocked.Increment(ref Errors);
                        return;
                    }
                }
                // The frame's live view carries when the server received the state (same machine clock).
                else if (reader.ValueTextEquals("stateAt"u8))
                {
                    reader.Read();
                    Interlocked.Increment(ref StateFrames);
                    if (reader.TokenType == JsonTokenType.String)
                    {
                        Latency.Add((long)(arrived - reader.GetDateTimeOffset()).TotalMilliseconds);
                    }
                    return;
                }
            }
        }
    }
}
