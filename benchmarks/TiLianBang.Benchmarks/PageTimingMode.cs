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
/// has rendered the page interactively (the layout's marker), the median of <c>runs</c> loads.
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
        await page.GotoAsync("/account/signin");
        await page.FillAsync("#username", DemoAccounts.PlatformAdmin);
        await page.FillAsync("#password", DemoAccounts.Password);
        await page.ClickAsync("#signin");
        await page.WaitForURLAsync(u => !u.Contains("/account/signin", StringComparison.Ordinal));

        Console.WriteLine($"elevators={Math.Max(elevators, DemoSeeder.ElevatorCount)} runs={runs} (median ms)");
        Console.WriteLine($"{"page",-34} {"ttfb",6} {"dcl",6} {"interactive",12}");
        var worst = 0.0;
        foreach (var path in pages)
        {
            var ttfb = new List<double>();
            var dcl = new List<double>();
            var interactive = new List<double>();
            for (var run = 0; run < runs + 1; run++)
            {
                var clock = Stopwatch.StartNew();
                await page.GotoAsync(path);
                await page.GetByTestId("interactive").WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = 60_000 });
                var ready = clock.Elapsed.TotalMilliseconds;
                var timing = await page.EvaluateAsync<double[]>(
                    "() => { const n = performance.getEntriesByType('navigation')[0]; return [n.responseStart - n.startTime, n.domContentLoadedEventEnd - n.startTime]; }");
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
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"RESULT elevators={Math.Max(elevators, DemoSeeder.ElevatorCount)} slowest-interactive-ms={worst:F0}"));
        return 0;
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        return values[values.Count / 2];
    }
}
