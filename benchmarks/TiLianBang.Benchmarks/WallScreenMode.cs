using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using TiLianBang.Core.Demo;

namespace TiLianBang.Benchmarks;

/// <summary>
/// STA-4's "runs unattended for days": the real server with the demo's simulated elevators moving, the wall screen
/// (/statistics/screen) open in Debian's chromium at 1920×1080 for <c>minutes</c>, nobody touching it. Once a minute it
/// prints the server's working set and managed heap (after a full collection, so garbage not yet collected does not
/// count as growth) and the page's JS heap and DOM node count (after the browser's own collection). A flat line after
/// the first minutes is the goal; growth per hour is printed at the end. benchmarks/wall-screen.sh runs it on one core.
/// </summary>
internal static class WallScreenMode
{
    public static async Task<int> RunAsync(int minutes, int sampleSeconds, bool openPage)
    {
        var data = Directory.CreateTempSubdirectory("tlb-screen-").FullName;
        await using var factory = new BenchmarkFactory(data, 0, new Dictionary<string, string> { ["Demo:SimulatedElevators"] = "-1" });
        factory.UseKestrel(0);
        factory.StartServer();
        var baseUrl = factory.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First()
            .Replace("[::]", "127.0.0.1", StringComparison.Ordinal);

        // Without the page (--page 0) the same server runs alone: the control that tells the screen's share of any growth.
        using var playwright = openPage ? await Playwright.CreateAsync() : null;
        await using var browser = playwright is null ? null
            : await playwright.Chromium.LaunchAsync(new() { ExecutablePath = "/usr/bin/chromium", Args = ["--no-sandbox", "--disable-dev-shm-usage"] });
        IPage? page = null;
        ICDPSession? cdp = null;
        if (browser is not null)
        {
            page = await browser.NewPageAsync(new() { BaseURL = baseUrl, ViewportSize = new() { Width = 1920, Height = 1080 }, Locale = "zh-CN" });
            await page.GotoAsync("/account/signin");
            await page.FillAsync("#username", DemoAccounts.PlatformAdmin);
            await page.FillAsync("#password", DemoAccounts.Password);
            await page.ClickAsync("#signin");
            await page.WaitForURLAsync(u => !u.Contains("/account/signin", StringComparison.Ordinal));
            await page.GotoAsync("/statistics/screen");
            await page.GetByTestId("interactive").WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = 60_000 });
            cdp = await page.Context.NewCDPSessionAsync(page);
            await cdp.SendAsync("Performance.enable");
        }

        Console.WriteLine($"{(openPage ? "wall screen" : "server alone (no page)")} for {minutes} min, sample every {sampleSeconds} s, simulated demo elevators, {Environment.ProcessorCount} cpu(s) visible");
        Console.WriteLine($"{"min",5} {"server-ws-MB",13} {"managed-MB",11} {"server-cpu-s",13} {"js-heap-MB",11} {"dom-nodes",10} {"listeners",10} {"timeline",9} {"nodes-w/o-tl",13} {"trapped",8} {"load",16}");
        var clock = Stopwatch.StartNew();
        var samples = new List<(double Minute, double WorkingSet, double Managed, double JsHeap, double Nodes)>();
        var end = TimeSpan.FromMinutes(minutes);
        while (true)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
            var process = Process.GetCurrentProcess();
            var workingSet = process.WorkingSet64 / 1048576.0;
            var managed = GC.GetTotalMemory(false) / 1048576.0;
            double jsHeap = 0, nodes = 0, listeners = 0;
            string? trapped = "-";
            // Which part grows: the today timeline (a new row per repair order until ScreenTimeline.MaxEntries)
            // against the rest of the document, counted as the CDP counter does (elements, text and comments).
            double entries = 0, outsideTimeline = 0;
            if (page is not null && cdp is not null)
            {
                await cdp.SendAsync("HeapProfiler.collectGarbage");
                var metrics = (await cdp.SendAsync("Performance.getMetrics"))!.Value.GetProperty("metrics").EnumerateArray()
                    .ToDictionary(m => m.GetProperty("name").GetString()!, m => m.GetProperty("value").GetDouble());
                jsHeap = metrics.GetValueOrDefault("JSHeapUsedSize") / 1048576.0;
                nodes = metrics.GetValueOrDefault("Nodes");
                listeners = metrics.GetValueOrDefault("JSEventListeners");
                trapped = await page.GetByTestId("status-trapped").TextContentAsync();
                var split = await page.EvaluateAsync<double[]>("""
                    () => {
                        const count = (root) => { let n = 0; const w = document.createTreeWalker(root, NodeFilter.SHOW_ALL); while (w.nextNode()) n++; return n; };
                        const timeline = document.querySelector('[data-testid="screen-timeline"]');
                        return [document.querySelectorAll('[data-testid="timeline-entry"]').length, count(document) - (timeline ? count(timeline) : 0)];
                    }
                    """);
                entries = split[0];
                outsideTimeline = split[1];
            }
            var minute = clock.Elapsed.TotalMinutes;
            samples.Add((minute, workingSet, managed, jsHeap, nodes));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{minute,5:F1} {workingSet,13:F1} {managed,11:F1} {process.TotalProcessorTime.TotalSeconds,13:F1} {jsHeap,11:F1} {nodes,10:F0} {listeners,10:F0} {entries,9:F0} {outsideTimeline,13:F0} {trapped,8} {LoadAverage(),16}"));
            if (clock.Elapsed >= end)
            {
                break;
            }
            var next = TimeSpan.FromSeconds(sampleSeconds * samples.Count);
            var wait = (next < end ? next : end) - clock.Elapsed;
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait);
            }
        }
        // Growth after warm-up: from the sample at about a fifth of the run (caches, JIT and the first figures are in
        // by then) to the last, scaled to an hour.
        var first = samples[Math.Min(samples.Count - 1, Math.Max(1, samples.Count / 5))];
        var last = samples[^1];
        var hours = Math.Max(1e-9, (last.Minute - first.Minute) / 60);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"RESULT minutes={last.Minute:F0} server-ws-MB={first.WorkingSet:F1}->{last.WorkingSet:F1} managed-MB={first.Managed:F1}->{last.Managed:F1} ({(last.Managed - first.Managed) / hours:+0.0;-0.0} MB/h) js-heap-MB={first.JsHeap:F1}->{last.JsHeap:F1} ({(last.JsHeap - first.JsHeap) / hours:+0.0;-0.0} MB/h) dom-nodes={first.Nodes:F0}->{last.Nodes:F0}"));
        return 0;
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";
}
