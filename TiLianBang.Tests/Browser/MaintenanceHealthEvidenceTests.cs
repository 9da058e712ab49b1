using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using TiLianBang.Core.Demo;
using TiLianBang.Core.Health;
using TiLianBang.Tests.Infrastructure;
using TiLianBang.Web.Shared;

namespace TiLianBang.Tests.Browser;

/// <summary>A maintenance order made due by 健康预警 shows what drifted: the metric's days against the elevator's own baseline.</summary>
public sealed class MaintenanceHealthEvidenceTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const double BaselineMs = 3000;
    private const double DriftedMs = 4100;

    /// <summary>30 days of door closings, one row a day at midnight UTC: 3.0 s until three days ago, 4.1 s since.</summary>
    private static List<ElevatorHealthHour> Days(int elevatorId, DateTime nowUtc) =>
        Enumerable.Range(0, 30).Select(d =>
        {
            var closingMs = d < 3 ? DriftedMs : BaselineMs;
            return new ElevatorHealthHour
            {
                ElevatorId = elevatorId,
                HourUtc = nowUtc.Date.AddDays(-d),
                DoorCycles = 40,
                DoorClosing = new HealthTiming { Count = 40, SumMs = (long)(40 * closingMs), P95Ms = (int)closingMs + 200 },
                DoorOpening = new HealthTiming { Count = 40, SumMs = 40 * 2500, P95Ms = 2700 },
                Stops = 40,
            };
        }).ToList();

    [Fact]
    public async Task TheOrderShowsTheDriftingMetricAgainstItsBaseline()
    {
        var now = browser.App.Clock.GetUtcNow().UtcDateTime;
        // A 渝安 (weibao) order of an elevator nobody else in this class touches.
        var (orderId, elevatorId, reason) = await browser.App.AsSystemAsync(async (_, db) =>
        {
            var order = await db.MaintenanceOrders.Where(o => o.Elevator!.Number == "CQ0013").OrderByDescending(o => o.Id).FirstAsync();
            db.ElevatorHealthHours.AddRange(Days(order.ElevatorId, now));
            var warning = new HealthWarning
            {
                ElevatorId = order.ElevatorId,
                Metric = HealthMetric.DoorClosingTime,
                Status = HealthWarningStatus.Open,
                RaisedAtUtc = now.AddDays(-2),
                DriftSinceUtc = now.AddDays(-3),
                EvaluatedAtUtc = now,
                Baseline = BaselineMs,
                Spread = 80,
                Observed = DriftedMs,
                ChangePercent = 100 * (DriftedMs - BaselineMs) / BaselineMs,
            };
            db.HealthWarnings.Add(warning);
            // The reason OnDemandPlanner writes for an open warning.
            order.DueReason = "健康预警：" + HealthWarningText.Describe(warning, now);
            await db.SaveChangesAsync();
            return (order.Id, order.ElevatorId, order.DueReason);
        });
        Assert.Equal("健康预警：关门时间较基线增加 37 %，已持续 3 天（基线 3.0 秒，近期 4.1 秒）", reason);

        var page = await browser.SignedInAsync(DemoAccounts.MaintenanceManager, DemoAccounts.Password, 1366, 768);
        await page.OpenAsync($"/maintenance/orders/{orderId}");

        await Assertions.Expect(page.GetByTestId("due-reason")).ToHaveTextAsync(reason);
        var evidence = page.GetByTestId("health-evidence-item");
        await Assertions.Expect(evidence).ToHaveCountAsync(1);
        await Assertions.Expect(evidence).ToHaveAttributeAsync("data-metric", nameof(HealthMetric.DoorClosingTime));
        await Assertions.Expect(evidence).ToContainTextAsync("关门时间较基线增加 37 %");
        var chart = page.GetByTestId("evidence-chart-DoorClosingTime");
        await Assertions.Expect(chart).ToHaveAttributeAsync("data-categories", "30");
        // Drawn, not just placed: the metric's line and the baseline's, each named in the legend.
        await Assertions.Expect(chart.Locator(".apexcharts-line-series .apexcharts-series")).ToHaveCountAsync(2);
        await Assertions.Expect(chart.Locator(".apexcharts-legend")).ToContainTextAsync("关门时间（秒）");
        await Assertions.Expect(chart.Locator(".apexcharts-legend")).ToContainTextAsync("基线");
        // The value axis spans the drift: 3.0 s at the baseline up to 4.1 s.
        var axis = await chart.Locator(".apexcharts-yaxis-label tspan").AllTextContentsAsync();
        var ticks = axis.Select(t => double.Parse(t, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.True(ticks.Min() <= 3.0 && ticks.Max() >= 4.1, string.Join(", ", axis));
        await page.ScreenshotAsync("maintenance-health-evidence-light-1366");

        await page.Context.AddCookiesAsync([new Cookie { Name = UiPreferences.ThemeCookie, Value = UiPreferences.FormatTheme(ThemeMode.Dark), Url = browser.BaseUrl }]);
        await page.GotoAsync($"/account/language?culture=en&returnUrl=/maintenance/orders/{orderId}");
        await page.WaitForInteractiveAsync();
        await Assertions.Expect(page.GetByTestId("due-reason"))
            .ToHaveTextAsync("Health warning: Door closing time 37 % above its baseline for 3 day(s) (baseline 3.0 s, recently 4.1 s)");
        await Assertions.Expect(chart.Locator(".apexcharts-legend")).ToContainTextAsync("Door closing time (s)");
        await page.ScreenshotAsync("maintenance-health-evidence-dark-en-1366");

        // Once the elevator has no active warning, there is no evidence to show.
        await browser.App.AsSystemAsync((_, db) => db.HealthWarnings.Where(w => w.ElevatorId == elevatorId)
            .ExecuteUpdateAsync(w => w.SetProperty(x => x.Status, HealthWarningStatus.Recovered)));
        await page.OpenAsync($"/maintenance/orders/{orderId}");
        await Assertions.Expect(page.GetByTestId("maintenance-facts")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("health-evidence")).ToHaveCountAsync(0);
    }
}
