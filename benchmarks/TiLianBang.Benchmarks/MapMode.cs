using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using TiLianBang.Core.Accounts;
using TiLianBang.Core.Data;
using TiLianBang.Core.Demo;
using TiLianBang.Core.Devices;
using TiLianBang.Core.Devices.LiveState;
using TiLianBang.Core.Devices.Protocol;
using TiLianBang.Core.Elevators;
using TiLianBang.Core.Organizations;

namespace TiLianBang.Benchmarks;

/// <summary>
/// 地图监控 (MON-6) at size: N communities spread over China with E elevators between them, every elevator with a live
/// state in the hub, the page opened in Debian's chromium as the platform administrator (no tiles: an offline LAN).
/// Measures the first render (navigation → every marker placed) and the cost of a status change: a passenger trap
/// set in the hub → the batch that recolours its marker applied in the page (wall clock), and the page's JavaScript
/// time per batch, once for single changes and once for a burst of changes in many places at once.
/// </summary>
internal static class MapMode
{
    public static async Task<int> RunAsync(int communities, int elevators, int runs, int changes, int burst)
    {
        var data = Directory.CreateTempSubdirectory("tlb-map-").FullName;
        await using var factory = new BenchmarkFactory(data, 0, new Dictionary<string, string> { ["Maps:TileUrl"] = "" });
        factory.UseKestrel(0);
        factory.StartServer();
        var services = factory.Services;
        var watch = Stopwatch.StartNew();
        var ids = await ProvisionAsync(services, communities, elevators);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"provisioned communities={communities + 8} elevators={ids.Count} in {watch.Elapsed.TotalSeconds:F0}s"));

        // Every elevator online and idle; a few in trouble, as on a normal day.
        var hub = services.GetRequiredService<ElevatorStateHub>();
        var random = new Random(2026);
        foreach (var (elevatorId, _) in ids)
        {
            var roll = random.Next(1000);
            hub.Update(elevatorId, "bench", s => s with
            {
                Online = roll >= 20, HasState = true, Mode = ServiceMode.Normal, Floor = 1, FloorLabel = "1",
                ActiveFaults = roll < 5 ? [2] : [],
            });
        }

        var baseUrl = services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = "/usr/bin/chromium", Args = ["--no-sandbox"] });
        var page = await browser.NewPageAsync(new() { BaseURL = baseUrl, ViewportSize = new() { Width = 1920, Height = 1080 } });
        page.SetDefaultTimeout(120_000);
        await page.GotoAsync("/account/signin");
        await page.FillAsync("#username", DemoAccounts.PlatformAdmin);
        await page.FillAsync("#password", DemoAccounts.Password);
        await page.ClickAsync("#signin");
        await page.WaitForURLAsync(url => !url.Contains("/account/signin", StringComparison.Ordinal));

        var firstRender = new List<double>();
        var initJs = new List<double>();
        for (var run = 0; run <= runs; run++)
        {
            var opened = Stopwatch.StartNew();
            await page.GotoAsync("/monitor/map");
            await page.Locator("[data-testid='map'][data-ready='true']").WaitForAsync(new() { State = WaitForSelectorState.Attached });
            var elapsed = opened.Elapsed.TotalMilliseconds;
            if (run > 0)
            {
                // The first load warms the server (EF model, JIT) and the browser's cache; it is not counted.
                firstRender.Add(elapsed);
                initJs.Add(double.Parse(await page.GetByTestId("map").GetAttributeAsync("data-init-ms") ?? "0", CultureInfo.InvariantCulture));
            }
        }
        var shown = await page.GetByTestId("map").GetAttributeAsync("data-places");
        await page.ScreenshotAsync(new() { Path = Path.Combine(data, "..", "map-benchmark.png") });

        await page.EvaluateAsync("""
            () => {
              window.__updates = [];
              document.querySelector("[data-testid='map']").addEventListener('tlb-map-update', (e) =>
                window.__updates.push({ at: Date.now(), ids: e.detail.ids, ms: e.detail.ms }));
            }
            """);

        // Single changes: one place at a time turns red (then back), at a random moment relative to the push tick.
        var byPlace = ids.GroupBy(e => e.PlaceId).Select(g => g.First()).OrderBy(_ => random.Next()).ToList();
        var latencies = new List<double>();
        var jsMs = new List<double>();
        for (var i = 0; i < changes; i++)
        {
            await Task.Delay(random.Next(0, 300));
            var (elevatorId, placeId) = byPlace[i % byPlace.Count];
            var trapped = i / byPlace.Count % 2 == 0;
            var sent = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            Trap(hub, elevatorId, trapped);
            var seen = await page.WaitForFunctionAsync(
                "([place, after]) => { const u = window.__updates.find(x => x.at >= after && x.ids.includes(place)); return u ? [u.at, u.ms] : null; }",
                new object[] { placeId, sent }, new() { Timeout = 60_000 });
            var result = await seen.JsonValueAsync<double[]>();
            latencies.Add(result[0] - sent);
            jsMs.Add(result[1]);
            Trap(hub, elevatorId, !trapped);
            await page.EvaluateAsync("() => window.__updates = []");
        }

        // A burst: `burst` places change within one push interval (a city-wide power cut, say).
        await Task.Delay(1000);
        await page.EvaluateAsync("() => window.__updates = []");
        var burstPlaces = byPlace.Take(burst).ToList();
        var burstSent = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        foreach (var (elevatorId, _) in burstPlaces)
        {
            Trap(hub, elevatorId, true);
        }
        await page.WaitForFunctionAsync(
            "(count) => window.__updates.reduce((n, u) => n + u.ids.length, 0) >= count", burstPlaces.Count, new() { Timeout = 120_000 });
        var burstStats = await page.EvaluateAsync<double[]>(
            "() => [Math.max(...window.__updates.map(u => u.at)), window.__updates.length, Math.max(...window.__updates.map(u => u.ms)), window.__updates.reduce((n, u) => n + u.ms, 0)]");

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"RESULT places={shown} elevators={ids.Count} first-render p50={Median(firstRender):F0}ms max={firstRender.Max():F0}ms (of which JS map build p50={Median(initJs):F0}ms) runs={runs}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"RESULT single change → marker: p50={Median(latencies):F0}ms p95={Percentile(latencies, 0.95):F0}ms max={latencies.Max():F0}ms; JS per batch p50={Median(jsMs):F2}ms max={jsMs.Max():F2}ms changes={changes}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"RESULT burst of {burstPlaces.Count} places: all on the map after {burstStats[0] - burstSent:F0}ms in {burstStats[1]:F0} batches; JS max batch={burstStats[2]:F1}ms total={burstStats[3]:F1}ms"));
        return 0;
    }

    private static void Trap(ElevatorStateHub hub, int elevatorId, bool trapped) =>
        hub.Update(elevatorId, "bench", s => s with { ActiveFaults = trapped ? [DefaultFaultCodes.PassengersTrapped] : ImmutableSortedSet<int>.Empty });

    private static double Median(List<double> values) => Percentile(values, 0.5);

    private static double Percentile(List<double> values, double p)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Clamp((int)Math.Ceiling(sorted.Count * p) - 1, 0, sorted.Count - 1)];
    }

    /// <summary>Communities scattered over eastern China, elevators dealt round-robin; returns (elevator, community) pairs.</summary>
    private static async Task<List<(int ElevatorId, int PlaceId)>> ProvisionAsync(IServiceProvider services, int communities, int elevators)
    {
        await using var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentActor>().SetSystem("benchmark");
        var db = scope.ServiceProvider.GetRequiredService<TiLianBangDbContext>();
        var template = await db.Elevators.AsNoTracking().OrderBy(e => e.Id).FirstAsync();
        var random = new Random(18);
        var places = Enumerable.Range(1, communities).Select(n => new Community
        {
            Name = $"基准小区 {n:D5}",
            Region = new Region { Province = "重庆市", City = "重庆市", District = "渝北区" },
            Address = $"基准路 {n} 号",
            Latitude = Math.Round(22 + random.NextDouble() * 18, 6),
            Longitude = Math.Round(102 + random.NextDouble() * 19, 6),
        }).ToList();
        db.Communities.AddRange(places);
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();
        for (var n = 0; n < elevators; n++)
        {
            db.Elevators.Add(new Elevator
            {
                Number = $"DT{n + 1:D6}",
                Name = $"基准电梯 {n + 1}",
                CommunityId = places[n % places.Count].Id,
                UserUnitId = template.UserUnitId,
                MaintenanceCompanyId = template.MaintenanceCompanyId,
                Floors = 18,
                RatedSpeed = 1.75m,
                RatedLoad = 1000,
            });
            if ((n + 1) % 5000 == 0)
            {
                await db.SaveChangesAsync();
                db.ChangeTracker.Clear();
            }
        }
        await db.SaveChangesAsync();
        var rows = await db.Elevators.AsNoTracking().Select(e => new { e.Id, e.CommunityId }).ToListAsync();
        return rows.Select(e => (e.Id, e.CommunityId)).ToList();
    }
}
