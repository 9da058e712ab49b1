using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using TiLianBang.Core.Accounts;
using TiLianBang.Core.Data;
using TiLianBang.Core.Demo;
using TiLianBang.Core.Devices;
using TiLianBang.Web.Simulation;

namespace TiLianBang.Benchmarks;

/// <summary>
/// Sizing (OPS-4): N signed-in staff sessions on live pages while collectors send, in two processes:
///   sizing-server --collectors N --http-port H --port P --map FILE   the real application on Kestrel; writes
///                 "deviceId elevatorId" lines to FILE, prints READY and serves <c>/_bench/stats</c> (CPU time,
///                 working set, managed heap, open circuits; <c>?gc=1</c> collects first) until killed
///   sizing-load --sessions S --collectors N --seconds T --http-port H --port P --map FILE   N collectors send their
///                 state once a second; S headless Blazor Server circuits (<see cref="BlazorSession"/>): 4 of 5 on
///                 区域监控 (the 60-tile page, as the platform and as two maintenance companies), 1 of 5 on an
///                 elevator's live detail; measures the server before and with the sessions and the latency from a
///                 collector's publish to the render batch that shows the new floor
/// Every elevator's floor labels read "{floor}#{elevatorId}" here, so a render batch's string table says which
/// elevator's new floor it carries.
/// </summary>
internal static partial class SizingMode
{
    private static readonly string[] AreaAccounts = [DemoAccounts.PlatformAdmin, DemoAccounts.MaintenanceManager, DemoAccounts.OtherMaintenanceManager];

    public static async Task<int> ServerAsync(int collectors, int httpPort, int mqttPort, string map)
    {
        var data = Directory.CreateTempSubdirectory("tlb-sizing-").FullName;
        await using var factory = new BenchmarkFactory(data, mqttPort, new Dictionary<string, string>
        {
            // Every benchmark session signs in from one address; the limits are for real clients.
            ["RateLimits:LiveConnectsPerMinute"] = "1000000",
        }, services =>
        {
            services.AddScoped<CircuitHandler, CountingCircuitHandler>();
            services.AddSingleton<IStartupFilter, StatsEndpoint>();
        });
        factory.UseKestrel(httpPort);
        factory.StartServer();
        var services = factory.Services;
        await Provisioning.EnsureCollectorsAsync(services, collectors);
        await using (var scope = services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<CurrentActor>().SetSystem("benchmark");
            var db = scope.ServiceProvider.GetRequiredService<TiLianBangDbContext>();
            foreach (var elevator in await db.Elevators.ToListAsync())
            {
                elevator.FloorLabels = [.. Enumerable.Range(1, 40).Select(k => Label(k, elevator.Id))];
            }
            await db.SaveChangesAsync();
            await scope.ServiceProvider.GetRequiredService<DeviceDirectory>().LoadAsync(CancellationToken.None);
            var bound = await db.Devices
                .Where(d => d.ElevatorId != null).OrderBy(d => d.DeviceId).Select(d => new { d.DeviceId, d.ElevatorId }).ToListAsync();
            await File.WriteAllLinesAsync(map, bound.Select(d => $"{d.DeviceId} {d.ElevatorId}"));
        }
        Console.WriteLine($"READY http={httpPort} mqtt={mqttPort} collectors={collectors}");
        await Task.Delay(Timeout.Infinite, factory.Services.GetRequiredService<Microsoft.Extensions.Hosting.IHostApplicationLifetime>().ApplicationStopping)
            .ContinueWith(_ => { }, TaskScheduler.Default);
        return 0;
    }

    private static string Label(int floor, int elevatorId) => string.Create(CultureInfo.InvariantCulture, $"{floor}#{elevatorId}");

    [GeneratedRegex(@"^(\d+)#(\d+)$")]
    private static partial Regex LabelPattern();

    public static async Task<int> LoadAsync(int sessionCount, int collectorCount, int seconds, int httpPort, int mqttPort, string map)
    {
        var elevatorOf = (await File.ReadAllLinesAsync(map))
            .Select(l => l.Split(' '))
            .ToDictionary(p => p[0], p => int.Parse(p[1], CultureInfo.InvariantCulture));
        var deviceIds = Enumerable.Range(1, collectorCount).Select(DemoDevices.DeviceIdFor).ToList();
        var baseUri = new Uri($"http://127.0.0.1:{httpPort}/");

        // One cookie per account, as several tabs of one browser share it.
        var clients = new Dictionary<string, (CookieContainer Cookies, HttpClient Http)>();
        foreach (var account in AreaAccounts)
        {
            var cookies = new CookieContainer();
            var http = new HttpClient(new SocketsHttpHandler { CookieContainer = cookies, MaxConnectionsPerServer = 64 }) { BaseAddress = baseUri, Timeout = TimeSpan.FromMinutes(2) };
            await SignInAsync(http, account);
            clients[account] = (cookies, http);
        }
        using var stats = new HttpClient { BaseAddress = baseUri, Timeout = TimeSpan.FromMinutes(2) };

        // Last floor change of each elevator: its floor and when the state carrying it was published.
        var lastChange = new Dictionary<int, (int Floor, long At)>();
        var changeLock = new Lock();
        var latency = new LatencyHistogram();
        var detailLatency = new LatencyHistogram();
        var measuring = false;

        var now = TimeProvider.System.GetUtcNow();
        var collectors = deviceIds
            .Select((id, i) => new SimulatedCollector(id, DemoDevices.SecretFor(id), new SimulatedElevator(18, 1.75, i, 0, now), TimeProvider.System))
            .ToList();
        var connected = await ElevatorSimulator.ConnectAllAsync(collectors, "127.0.0.1", mqttPort, NullLogger.Instance, CancellationToken.None);
        Console.WriteLine($"CONNECTED {connected} of {collectors.Count} collectors");
        using var stop = new CancellationTokenSource();
        var publishing = PublishAsync(collectors, elevatorOf, lastChange, changeLock, stop.Token);

        // The server with the collectors only.
        await Task.Delay(TimeSpan.FromSeconds(10));
        var before = await StatsAsync(stats, gc: true);
        await Task.Delay(TimeSpan.FromSeconds(10));
        var beforeEnd = await StatsAsync(stats, gc: false);
        var baselineCpu = CpuPercent(before, beforeEnd);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"BASELINE cpu={baselineCpu:F0}% ws={before.WorkingSet / 1048576}MiB heap={before.Heap / 1048576}MiB"));

        // Sessions: 4 of 5 on 区域监控 over three company scopes, 1 of 5 on an elevator's detail (the platform's view).
        var firstPage = deviceIds.Take(60).Select(d => elevatorOf[d]).ToList();
        var sessions = new List<BlazorSession>(sessionCount);
        var interactive = new LatencyHistogram();
        var startFailures = 0;
        var opening = Stopwatch.StartNew();
        void OnBatch(BlazorSession session, long arrived, List<string> strings)
        {
            if (!Volatile.Read(ref measuring))
            {
                return;
            }
            foreach (var text in strings)
            {
                var match = LabelPattern().Match(text);
                if (!match.Success)
                {
                    continue;
                }
                var floor = int.Parse(match.Groups[1].ValueSpan, CultureInfo.InvariantCulture);
                var elevator = int.Parse(match.Groups[2].ValueSpan, CultureInfo.InvariantCulture);
                (int Floor, long At) change;
                lock (changeLock)
                {
                    if (!lastChange.TryGetValue(elevator, out change))
                    {
                        continue;
                    }
                }
                if (change.Floor == floor)
                {
                    var ms = (long)Stopwatch.GetElapsedTime(change.At, arrived).TotalMilliseconds;
                    (session.Path.StartsWith("/monitor/elevators/", StringComparison.Ordinal) ? detailLatency : latency).Add(ms);
                }
            }
        }
        await Parallel.ForEachAsync(Enumerable.Range(0, sessionCount), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
        {
            var detail = i % 5 == 4;
            var account = detail ? DemoAccounts.PlatformAdmin : AreaAccounts[i % AreaAccounts.Length];
            var path = detail ? $"/monitor/elevators/{firstPage[i / 5 % firstPage.Count]}" : "/monitor/area";
            var (cookies, http) = clients[account];
            var session = new BlazorSession(baseUri, path, cookies, http) { BatchArrived = OnBatch };
            var started = Stopwatch.GetTimestamp();
            try
            {
                await session.StartAsync(ct);
                // Interactive: the first render batch of the circuit.
                while (session.FirstBatchAt == 0 && !session.Closed && Stopwatch.GetElapsedTime(started) < TimeSpan.FromSeconds(60))
                {
                    await Task.Delay(20, ct);
                }
                if (session.FirstBatchAt != 0)
                {
                    interactive.Add((long)Stopwatch.GetElapsedTime(started, session.FirstBatchAt).TotalMilliseconds);
                }
                lock (sessions)
                {
                    sessions.Add(session);
                }
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                if (Interlocked.Increment(ref startFailures) <= 3)
                {
                    Console.WriteLine($"START FAILED {path}: {e.GetType().Name}: {e.Message}");
                }
                await session.DisposeAsync();
            }
        });
        var opened = opening.Elapsed;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"OPENED {sessions.Count} of {sessionCount} sessions in {opened.TotalSeconds:F1}s interactive p50={interactive.Percentile(0.5)}ms p95={interactive.Percentile(0.95)}ms p99={interactive.Percentile(0.99)}ms failed={startFailures}"));

        // Settle, then measure for the given seconds.
        await Task.Delay(TimeSpan.FromSeconds(5));
        Volatile.Write(ref measuring, true);
        var batchesAtStart = sessions.Sum(s => Interlocked.Read(ref s.Batches));
        var bytesAtStart = sessions.Sum(s => Interlocked.Read(ref s.BatchBytes));
        var holdStart = await StatsAsync(stats, gc: false);
        for (var t = 1; t <= seconds; t++)
        {
            await Task.Delay(TimeSpan.FromSeconds(1));
            if (t % 10 == 0)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"t={t}s batches={sessions.Sum(s => Interlocked.Read(ref s.Batches)) - batchesAtStart} area p50={latency.Percentile(0.5)}ms p99={latency.Percentile(0.99)}ms detail p50={detailLatency.Percentile(0.5)}ms closed={sessions.Count(s => s.Closed)}"));
            }
        }
        var holdEnd = await StatsAsync(stats, gc: false);
        Volatile.Write(ref measuring, false);
        var batches = sessions.Sum(s => Interlocked.Read(ref s.Batches)) - batchesAtStart;
        var bytes = sessions.Sum(s => Interlocked.Read(ref s.BatchBytes)) - bytesAtStart;
        // Counted before the forced GC below: on a starved machine its pause can cost circuits of its own.
        var closed = sessions.Count(s => s.Closed);
        var errors = sessions.Count(s => s.Error is not null);
        var firstError = sessions.Select(s => s.Error).FirstOrDefault(e => e is not null);
        var after = await StatsAsync(stats, gc: true);
        var load = Process.GetCurrentProcess();
        var cpu = CpuPercent(holdStart, holdEnd);
        var held = Math.Max(1, sessions.Count - closed);
        var holdSeconds = (holdEnd.Uptime - holdStart.Uptime) / 1000.0;

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"RESULT sessions={sessionCount} held={sessions.Count - closed} circuits={holdEnd.Circuits} collectors={connected} " +
            $"cpuBefore={baselineCpu:F0}% cpu={cpu:F0}% cpuPerSession={(cpu - baselineCpu) / held:F2}% " +
            $"wsBefore={before.WorkingSet / 1048576}MiB wsHeld={holdEnd.WorkingSet / 1048576}MiB heapHeld={holdEnd.Heap / 1048576}MiB wsAfter={after.WorkingSet / 1048576}MiB wsPeak={Math.Max(holdEnd.WorkingSet, after.WorkingSet) / 1048576}MiB " +
            $"mibPerSession={(after.WorkingSet - before.WorkingSet) / 1048576.0 / held:F2} " +
            $"heapBefore={before.Heap / 1048576}MiB heapAfter={after.Heap / 1048576}MiB heapPerSession={(after.Heap - before.Heap) / 1048576.0 / held:F2}MiB " +
            $"areaP50={latency.Percentile(0.5)}ms areaP95={latency.Percentile(0.95)}ms areaP99={latency.Percentile(0.99)}ms areaN={latency.Count} " +
            $"detailP50={detailLatency.Percentile(0.5)}ms detailP95={detailLatency.Percentile(0.95)}ms detailP99={detailLatency.Percentile(0.99)}ms detailN={detailLatency.Count} " +
            $"batches/s={batches / holdSeconds:F0} serverCpuMsPerBatch={(holdEnd.CpuMilliseconds - holdStart.CpuMilliseconds) / Math.Max(1, batches):F2} kB/s={bytes / 1024.0 / holdSeconds:F0} interactiveP50={interactive.Percentile(0.5)}ms interactiveP95={interactive.Percentile(0.95)}ms " +
            $"publishFailures={Interlocked.Read(ref PublishFailures)} interopCalls={sessions.Sum(s => Interlocked.Read(ref s.InteropCalls))} startFailed={startFailures} closed={closed} errors={errors} loadCpu={load.TotalProcessorTime.TotalSeconds:F0}s"));
        if (firstError is not null)
        {
            Console.WriteLine($"FIRST ERROR {firstError}");
        }

        await stop.CancelAsync();
        await publishing;
        await Parallel.ForEachAsync(sessions, new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (s, _) => await s.DisposeAsync());
        foreach (var collector in collectors)
        {
            await collector.DisposeAsync();
        }
        foreach (var (_, (_, http)) in clients)
        {
            http.Dispose();
        }
        return 0;
    }

    private static async Task SignInAsync(HttpClient http, string account)
    {
        var form = await http.GetStringAsync("/account/signin");
        var token = AntiforgeryToken().Match(form);
        if (!token.Success)
        {
            throw new InvalidOperationException("the sign-in form has no antiforgery token");
        }
        using var response = await http.PostAsync("/account/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "signin",
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value),
            ["Input.UserName"] = account,
            ["Input.Password"] = DemoAccounts.Password,
        }));
        response.EnsureSuccessStatusCode();
        if (response.RequestMessage?.RequestUri?.AbsolutePath.StartsWith("/account/", StringComparison.Ordinal) == true)
        {
            throw new InvalidOperationException($"{account} was not signed in (ended on {response.RequestMessage.RequestUri})");
        }
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();

    private static double CpuPercent(ServerStats from, ServerStats to) =>
        (to.CpuMilliseconds - from.CpuMilliseconds) / Math.Max(1.0, to.Uptime - from.Uptime) * 100;

    private static async Task<ServerStats> StatsAsync(HttpClient http, bool gc) =>
        (await http.GetFromJsonAsync<ServerStats>(gc ? "/_bench/stats?gc=1" : "/_bench/stats"))!;

    /// <summary>Each collector's state once a second, spread over the second; remembers each floor change.</summary>
    private static async Task PublishAsync(List<SimulatedCollector> collectors, Dictionary<string, int> elevatorOf,
        Dictionary<int, (int Floor, long At)> lastChange, Lock changeLock, CancellationToken stop)
    {
        const int slots = 100;
        var slotSize = (collectors.Count + slots - 1) / slots;
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(1000.0 / slots));
        var tick = 0L;
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                var slot = (int)(tick++ % slots);
                await Task.WhenAll(collectors.Skip(slot * slotSize).Take(slotSize).Select(async c =>
                {
                    try
                    {
                        await StepAndPublishAsync(c);
                    }
                    catch (MQTTnet.Exceptions.MqttCommunicationException)
                    {
                        // A QoS 1 event not acknowledged in time (an overloaded server): counted, the car goes on.
                        Interlocked.Increment(ref PublishFailures);
                    }
                }));
            }
        }
        catch (OperationCanceledException)
        {
        }

        async Task StepAndPublishAsync(SimulatedCollector c)
        {
            await c.StepAsync(TimeSpan.FromSeconds(1), stop);
            var floor = c.Elevator.Floor;
            var elevator = elevatorOf[c.DeviceId];
            lock (changeLock)
            {
                if (!lastChange.TryGetValue(elevator, out var last) || last.Floor != floor)
                {
                    lastChange[elevator] = (floor, Stopwatch.GetTimestamp());
                }
            }
            await c.PublishStateAsync(stop);
        }
    }

    private static long PublishFailures;

    internal sealed record ServerStats(long Uptime, double CpuMilliseconds, long WorkingSet, long Heap, int Circuits);

    /// <summary>Open circuits on the server: the sessions it actually holds.</summary>
    private sealed class CountingCircuitHandler : CircuitHandler
    {
        public static int Open;

        public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref Open);
            return Task.CompletedTask;
        }

        public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
        {
            Interlocked.Decrement(ref Open);
            return Task.CompletedTask;
        }
    }

    /// <summary><c>/_bench/stats</c>, ahead of the application's pipeline: this process's figures for the load side.</summary>
    private sealed class StatsEndpoint : IStartupFilter
    {
        private static readonly long Started = Stopwatch.GetTimestamp();

        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Map("/_bench/stats", branch => branch.Run(async context =>
            {
                if (context.Request.Query.ContainsKey("gc"))
                {
                    GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
                    GC.WaitForPendingFinalizers();
                    GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
                }
                using var process = Process.GetCurrentProcess();
                await context.Response.WriteAsJsonAsync(new ServerStats(
                    (long)Stopwatch.GetElapsedTime(Started).TotalMilliseconds,
                    process.TotalProcessorTime.TotalMilliseconds,
                    process.WorkingSet64,
                    GC.GetTotalMemory(false),
                    Volatile.Read(ref CountingCircuitHandler.Open)));
            }));
            next(app);
        };
    }
}
