using Microsoft.Playwright;
using TiLianBang.Core.Demo;
using TiLianBang.Tests.Infrastructure;

namespace TiLianBang.Tests.Browser;

/// <summary>
/// STA-4's wall screen runs unattended: when the server is killed and started again (a new process that knows
/// nothing of the old circuit), the page finds out by itself, reloads and shows the screen again.
/// </summary>
public sealed class WallScreenRestartTests : IAsyncLifetime
{
    private readonly string _data = Directory.CreateTempSubdirectory("tlb-screen-restart-").FullName;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public async Task InitializeAsync()
    {
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new() { ExecutablePath = BrowserFixture.ChromiumPath, Headless = true, Args = ["--no-sandbox", "--disable-dev-shm-usage"] });
    }

    [Fact]
    public async Task TheScreenComesBackByItselfAfterTheServerRestarts()
    {
        var first = await AppProcess.StartAsync(_data);
        var port = first.HttpPort;
        var baseUrl = $"http://127.0.0.1:{port}";
        var page = await _browser!.NewPageAsync(new() { BaseURL = baseUrl, ViewportSize = new() { Width = 1920, Height = 1080 }, Locale = "zh-CN" });
        await page.GotoAsync("/account/signin");
        await page.FillAsync("#username", DemoAccounts.PlatformAdmin);
        await page.FillAsync("#password", DemoAccounts.Password);
        await page.ClickAsync("#signin");
        await page.WaitForURLAsync(url => !url.Contains("/account/signin", StringComparison.Ordinal));
        await page.OpenAsync("/statistics/screen");
        await Assertions.Expect(page.GetByTestId("status-all")).ToHaveTextAsync(DemoSeeder.ElevatorCount.ToString(System.Globalization.CultureInfo.InvariantCulture));
        // Gone with a reload: tells the reloaded page from the old one.
        await page.EvaluateAsync("() => window.tlbBeforeRestart = true");

        await first.KillAsync();
        await first.DisposeAsync();
        await Assertions.Expect(page.GetByTestId("screen-reconnect")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await using var second = await AppProcess.StartAsync(_data, new Dictionary<string, string> { ["ASPNETCORE_URLS"] = baseUrl });

        try
        {
            await page.WaitForFunctionAsync("() => window.tlbBeforeRestart === undefined && document.querySelector('[data-testid=interactive]') !== null",
                null, new() { Timeout = 180_000, PollingInterval = 500 });
        }
        catch (TimeoutException e)
        {
            // What the screen was left showing, for a failure seen only on a loaded CI machine.
            var state = await page.EvaluateAsync<string>("""
                () => `reloaded=${window.tlbBeforeRestart === undefined} interactive=${document.querySelector('[data-testid=interactive]') !== null} ` +
                      `reconnect=${document.getElementById('components-reconnect-modal')?.className} title=${document.title}`
                """);
            throw new TimeoutException($"The screen did not come back: url={page.Url} {state}\nserver output (tail):\n{Tail(second.Output)}", e);
        }
        await Assertions.Expect(page.GetByTestId("screen-title")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("status-all")).ToHaveTextAsync(DemoSeeder.ElevatorCount.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.EndsWith("/statistics/screen", page.Url, StringComparison.Ordinal);
    }

    private static string Tail(string text) => text.Length <= 4000 ? text : text[^4000..];

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }
        _playwright?.Dispose();
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
            // A file the killed process held may linger a moment; the temp folder is cleaned by the OS.
        }
    }
}
