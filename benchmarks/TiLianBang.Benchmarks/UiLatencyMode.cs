using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Playwright;
using MQTTnet;
using TiLianBang.Core.Demo;
using TiLianBang.Web.Mqtt;
using TiLianBang.Web.Simulation;

namespace TiLianBang.Benchmarks;

/// <summary>
/// MON-8 measured end to end: a collector publishes a new floor; the time until the area page's tile shows it in
/// Debian's chromium (a MutationObserver stamps the change). Optionally with N other collectors sending state
/// once a second, to see how the page holds up while many elevators move.
/// </summary>
internal static class UiLatencyMode
{
    public static async Task<int> RunAsync(int changes, int background)
    {
        var data = Directory.CreateTempSubdirectory("tlb-ui-").FullName;
        await using var factory = new BenchmarkFactory(data, 0);
        factory.UseKestrel(0);
        factory.StartServer();
        var services = factory.Services;
        await Provisioning.EnsureCollectorsAsync(services, Math.Max(background + 1, DemoSeeder.ElevatorCount));
        var port = services.GetRequiredService<DeviceBroker>().Port;
        var baseUrl = services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = "/usr/bin/chromium", Args = ["--no-sandbox"] });
        var page = await browser.NewPageAsync(new() { BaseURL = baseUrl, ViewportSize = new() { Width = 1600, Height = 1000 } });
        await page.GotoAsync("/account/signin");
        await page.FillAsync("#username", DemoAccounts.PlatformAdmin);
        await page.FillAsync("#password", DemoAccounts.Password);
        await page.ClickAsync("#signin");
        await page.GotoAsync("/monitor/area");
        await page.GetByTestId("interactive").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await page.EvaluateAsync("""
            () => {
              window.__changes = [];
              const tile = document.querySelector("[data-elevator='CQ0001']");
              new MutationObserver(() => {
                const floor = tile.querySelector("[data-testid='tile-floor']");
                if (floor) window.__changes.push([floor.textContent, Date.now()]);
              }).observe(tile, { subtree: true, childList: true, characterData: true });
            }
            """);

        using var stop = new CancellationTokenSource();
        var load = background > 0 ? RunBackgroundAsync(background, port, stop.Token) : Task.CompletedTask;

        var id = DemoDevices.DeviceIdFor(1);
        using var device = new MqttClientFactory().CreateMqttClient();
        await device.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port).WithClientId(id).WithCredentials(id, DemoDevices.SecretFor(id)).Build());
        var latencies = new List<long>(changes);
        for (var i = 0; i < changes; i++)
        {
            // Publish at a random moment relative to the page's render tick, as devices do.
            await Task.Delay(Random.Shared.Next(0, 250));
            var floor = 2 + i % 16;
            var sent = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            await device.PublishAsync(new MqttApplicationMessageBuilder()
                .WithTopic($"tlb/{id}/state")
                .WithPayload(Encoding.UTF8.GetBytes($$"""{"ts":{{sent}},"mode":1,"run":1,"dir":1,"floor":{{floor}},"door":2}"""))
                .Build());
            var label = floor.ToString(CultureInfo.InvariantCulture);
            var seen = await page.WaitForFunctionAsync(
                "([label, after]) => { const c = window.__changes.find(x => x[0] === label && x[1] >= after); return c ? c[1] : null; }",
                new object[] { label, sent });
            latencies.Add((long)(await seen.JsonValueAsync<double>()) - sent);
            await page.EvaluateAsync("() => window.__changes = []");
        }
        await stop.CancelAsync();
        await load;
        latencies.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"RESULT changes={changes} background={background} p50={latencies[latencies.Count / 2]}ms p99={latencies[(int)Math.Ceiling(latencies.Count * 0.99) - 1]}ms max={latencies[^1]}ms"));
        await page.ScreenshotAsync(new() { Path = Path.Combine(data, "..", $"ui-latency-{background}.png") });
        return 0;
    }

    private static async Task RunBackgroundAsync(int count, int port, CancellationToken stop)
    {
        var now = TimeProvider.System.GetUtcNow();
        var collectors = Enumerable.Range(2, count)
            .Select(n => DemoDevices.DeviceIdFor(n))
            .Select((id, i) => new SimulatedCollector(id, DemoDevices.SecretFor(id), new SimulatedElevator(18, 1.75, i, 0, now), TimeProvider.System))
            .ToList();
        await ElevatorSimulator.ConnectAllAsync(collectors, "127.0.0.1", port, NullLogger.Instance, CancellationToken.None);
        var watch = Stopwatch.StartNew();
        try
        {
            // Every elevator moves: each tick publishes the state of one tenth of them, so each sends once a second.
            using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
            var slot = 0;
            while (await timer.WaitForNextTickAsync(stop))
            {
                var batch = collectors.Where((_, i) => i % 10 == slot).Select(async c =>
                {
                    await c.StepAsync(TimeSpan.FromSeconds(1), stop);
                    await c.PublishStateAsync(stop);
                });
                await Task.WhenAll(batch);
                slot = (slot + 1) % 10;
            }
        }
        catch (OperationCanceledException)
        {
        }
        foreach (var collector in collectors)
        {
            await collector.DisposeAsync();
        }
    }
}
