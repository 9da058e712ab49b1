using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using TiLianBang.Core.Data;
using TiLianBang.Core.Demo;
using TiLianBang.Web.Shared;

namespace TiLianBang.Benchmarks;

/// <summary>
/// Issue 13's "every page interactive within 1 s (demo) / 2 s (5,000 elevators)": each page of the staff app is
/// opened in Debian's chromium as the platform administrator (who sees everything, the heaviest case); printed per
/// page are the navigation timing's time to first byte and DOMContentLoaded, and the time until the Blazor circuit
/// has rendered the page interactively (the layout's marker), the median of <c>runs</c> loads. The machine's load
/// average is printed too: on a shared 2-core box other work stretches every figure.
/// Environment: <c>PAGES=/a,/b</c> opens only pages starting so; <c>DETAIL=1</c> prints each load's breakdown (server
/// CPU, the renderer's task/script/style/layout time, navigation and WebSocket moments, the circuit's messages with
/// their sizes and the resources, "c" when served from the browser's cache) — how the causes in docs/performance.md
/// were found.
/// </summary>
internal static class PageTimingMode
{
    public static async Task<int> RunAsync(int elevators, int runs)
    {
        var data = Directory.CreateTempSubdirectory("tlb-pages-").FullName;
        await using var factory = new BenchmarkFactory(data, 0);
        factory.UseKestrel(0);
        factory.StartServer();
        var services = factory.Services;
        await Provisioning.EnsureCollectorsAsync(services, Math.Max(elevators, DemoSeeder.ElevatorCount));
        var baseUrl = services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First()
            .Replace("[::]", "127.0.0.1", StringComparison.Ordinal);
        int elevatorId, maintenanceOrderId;
        await using (var scope = services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<TiLianBang.Core.Accounts.CurrentActor>().SetSystem("benchmark");
            var db = scope.ServiceProvider.GetRequiredService<TiLianBangDbContext>();
            elevatorId = await db.Elevators.OrderBy(e => e.Id).Select(e => e.Id).FirstAsync();
            maintenanceOrderId = await db.MaintenanceOrders.OrderBy(o => o.Id).Select(o => o.Id).FirstOrDefaultAsync();
        }
        string[] pages =
        [
            .. NavigationTree.Items.Select(i => i.Href),
            $"/monitor/elevators/{elevatorId}",
            $"/archive/elevators/{elevatorId}",
            .. maintenanceOrderId > 0 ? [$"/maintenance/orders/{maintenanceOrderId}"] : Array.Empty<string>(),
            "/messages",
        ];

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = "/usr/bin/chromium", Args = ["--no-sandbox"] });
        var page = await browser.NewPageAsync(new() { BaseURL = baseUrl, ViewportSize = new() { Width = 1920, Height = 1080 } });
        var detail = Environment.GetEnvironmentVariable("DETAIL") == "1";
        ICDPSession? cdp = null;
        if (detail)
        {
            await page.AddInitScriptAsync(DetailScript);
            cdp = await page.Context.NewCDPSessionAsync(page);
            await cdp.SendAsync("Performance.enable");
        }
        if (Environment.GetEnvironmentVariable("PAGES") is { Length: > 0 } only)
        {
            pages = [.. pages.Where(p => only.Split(',').Any(o => p.StartsWith(o, StringComparison.Ordinal)))];
        }
        await page.GotoAsync("/account/signin");
        await page.FillAsync("#username", DemoAccounts.PlatformAdmin);
        await page.FillAsync("#password", DemoAccounts.Password);
        await page.ClickAsync("#signin");
        await page.WaitForURLAsync(u => !u.Contains("/account/signin", StringComparison.Ordinal));

        Console.WriteLine($"elevators={Math.Max(elevators, DemoSeeder.ElevatorCount)} runs={runs} (median ms) load average {LoadAverage()}");
        Console.WriteLine($"{"page",-34} {"ttfb",6} {"dcl",6} {"interactive",12}");
        var worst = 0.0;
        foreach (var path in pages)
        {
            var ttfb = new List<double>();
            var dcl = new List<double>();
            var interactive = new List<double>();
            for (var run = 0; run < runs + 1; run++)
            {
                var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
                var clock = Stopwatch.StartNew();
                await page.GotoAsync(path);
                await page.GetByTestId("interactive").WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = 60_000 });
                var ready = clock.Elapsed.TotalMilliseconds;
                var timing = await page.EvaluateAsync<double[]>(
                    "() => { const n = performance.getEntriesByType('navigation')[0]; return [n.responseStart - n.startTime, n.domContentLoadedEventEnd - n.startTime]; }");
                if (detail)
                {
                    var serverCpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMilliseconds;
                    var browserAfter = await BrowserMetricsAsync(cdp!);
                    var browserCpu = string.Join(' ', browserAfter.Select(m => string.Create(CultureInfo.InvariantCulture, $"{m.Key} {m.Value * 1000:F0}")));
                    var d = await page.EvaluateAsync<string>(DetailReport);
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {path} run {run}: wall {ready:F0} serverCpu {serverCpu:F0} {browserCpu} {d}"));
                }
                if (run == 0)
                {
                    continue; // the first load warms the server's caches for this page
                }
                ttfb.Add(timing[0]);
                dcl.Add(timing[1]);
                interactive.Add(ready);
            }
            var median = Median(interactive);
            worst = Math.Max(worst, median);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{path,-34} {Median(ttfb),6:F0} {Median(dcl),6:F0} {median,12:F0}"));
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"RESULT elevators={Math.Max(elevators, DemoSeeder.ElevatorCount)} slowest-interactive-ms={worst:F0} load average {LoadAverage()}"));
        return 0;
    }

    private const string DetailScript = """
        (() => {
          window.__tlb = {};
          const Ws = window.WebSocket;
          window.WebSocket = class extends Ws { constructor(...a) { super(...a); window.__tlb.wsNew = performance.now();
            this.addEventListener('open', () => window.__tlb.wsOpen = performance.now());
            this.addEventListener('message', e => { window.__tlb.wsFirst ??= performance.now(); window.__tlb.wsCount = (window.__tlb.wsCount || 0) + 1;
              (window.__tlb.msgs ??= []).push(Math.round(performance.now()) + ':' + (e.data.byteLength ?? e.data.length)); });
            const send = this.send.bind(this); this.send = d => { (window.__tlb.msgs ??= []).push(Math.round(performance.now()) + ':>' + (d.byteLength ?? d.length)); send(d); }; } };
          new MutationObserver((m, o) => { if (document.querySelector('[data-testid=interactive]')) { window.__tlb.marker = performance.now(); o.disconnect(); } })
            .observe(document, { childList: true, subtree: true });
        })();
        """;

    private const string DetailReport = """
        () => {
          const n = performance.getEntriesByType('navigation')[0]; const t = window.__tlb || {};
          const r = performance.getEntriesByType('resource').map(e => e.name.split('/').pop().split('?')[0].slice(0, 18) + ':' + Math.round(e.startTime) + '-' + Math.round(e.responseEnd) + (e.transferSize === 0 ? 'c' : ''));
          const f = x => x === undefined ? '-' : Math.round(x);
          return `ttfb ${f(n.responseStart)} respEnd ${f(n.responseEnd)} html ${n.decodedBodySize} domInt ${f(n.domInteractive)} dcl ${f(n.domContentLoadedEventEnd)} wsNew ${f(t.wsNew)} wsOpen ${f(t.wsOpen)} wsFirst ${f(t.wsFirst)} marker ${f(t.marker)} wsMsgs ${t.wsCount} [${(t.msgs||[]).join(' ')}] | ${r.join(' ')}`;
        }
        """;

    private static async Task<Dictionary<string, double>> BrowserMetricsAsync(ICDPSession cdp)
    {
        var result = await cdp.SendAsync("Performance.getMetrics");
        var wanted = new[] { "TaskDuration", "ScriptDuration", "LayoutDuration", "RecalcStyleDuration" };
        return result!.Value.GetProperty("metrics").EnumerateArray()
            .Where(m => wanted.Contains(m.GetProperty("name").GetString()))
            .ToDictionary(m => m.GetProperty("name").GetString()!, m => m.GetProperty("value").GetDouble());
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";

    private static double Median(List<double> values)
    {
        values.Sort();
        return values[values.Count / 2];
    }
}
