using System.Globalization;
using System.Text.Json;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using TiLianBang.Core.Health;
using TiLianBang.Web.Features.Health.Components;

namespace TiLianBang.Tests.Ui;

/// <summary>
/// The 健康 tab's content for a seeded elevator health: warnings in plain words with their state and the close
/// action for those who may, each metric's days against its baseline band, the recent hours and the 困人研判 record.
/// </summary>
public sealed class ElevatorHealthViewTests
{
    private static readonly DateTime Now = new(2026, 3, 10, 8, 30, 0, DateTimeKind.Utc);

    private static BunitContext NewContext(out BunitJSModuleInterop charts)
    {
        var ctx = new BunitContext();
        ctx.Services.AddMudServices();
        ctx.Services.AddLocalization(o => o.ResourcesPath = "Resources");
        ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        charts = ctx.JSInterop.SetupModule("./js/charts.js");
        return ctx;
    }

    private static HealthWarning Warning(int id, HealthMetric metric, HealthWarningStatus status, double baseline, double observed) => new()
    {
        Id = id,
        ElevatorId = 7,
        Metric = metric,
        Status = status,
        RaisedAtUtc = Now.AddHours(-2),
        DriftSinceUtc = Now.AddDays(-1).AddHours(-1),
        EvaluatedAtUtc = Now.AddHours(-1),
        Baseline = baseline,
        Spread = baseline * 0.02,
        Observed = observed,
        ChangePercent = (observed - baseline) / baseline * 100,
        FixedAtUtc = status == HealthWarningStatus.Open ? null : Now.AddDays(-3),
        FixNote = status == HealthWarningStatus.Open ? null : "更换门机皮带",
        RecoveredAtUtc = status == HealthWarningStatus.Recovered ? Now.AddDays(-2) : null,
    };

    /// <summary>31 days of a 3.0 s closing door (the last one 4.2 s), a day without data in between, and no re-opening data at all.</summary>
    private static ElevatorHealth Seeded()
    {
        var first = DateOnly.FromDateTime(Now).AddDays(-30);
        var closing = Enumerable.Range(0, 31)
            .Where(i => i != 10)
            .Select(i => new HealthPoint(first.AddDays(i), i == 30 ? 4200.0 : 3000.0 + i % 3 * 10))
            .ToList();
        var opening = closing.Select(p => p with { Value = 2000.0 }).ToList();
        var reopenings = closing.Select(p => p with { Value = null }).ToList();
        var outside = closing.Select(p => p with { Value = 0.5 }).ToList();
        IReadOnlyList<MetricHealth> metrics =
        [
            new(HealthMetric.DoorClosingTime, closing, new Judgement(4200, 3000, 14.8, 40, true)),
            new(HealthMetric.DoorOpeningTime, opening, new Judgement(2000, 2000, 0, 0, false)),
            new(HealthMetric.Reopenings, reopenings, null),
            new(HealthMetric.StopsOutsideZone, outside, new Judgement(0.5, 0.5, 0, 0, false)),
        ];
        IReadOnlyList<WarningView> warnings =
        [
            WarningView.Of(Warning(3, HealthMetric.DoorClosingTime, HealthWarningStatus.Open, 3000, 4200), Now),
            WarningView.Of(Warning(2, HealthMetric.DoorOpeningTime, HealthWarningStatus.Watching, 2000, 2700), Now),
            WarningView.Of(Warning(1, HealthMetric.StopsOutsideZone, HealthWarningStatus.Recovered, 1, 3), Now),
        ];
        IReadOnlyList<ElevatorHealthHour> hours =
        [
            new() { ElevatorId = 7, HourUtc = Now.Date.AddHours(6), DoorCycles = 40, Reopenings = 1, DoorClosing = new() { Count = 40, SumMs = 168_000 }, Trips = 30, StopsOutsideZone = 0 },
            new() { ElevatorId = 7, HourUtc = Now.Date.AddHours(7), DoorCycles = 50, Reopenings = 2, DoorClosing = new() { Count = 50, SumMs = 210_000 }, Trips = 35, StopsOutsideZone = 1 },
            new() { ElevatorId = 7, HourUtc = Now.Date.AddHours(8), DoorCycles = 12, Reopenings = 0, DoorClosing = new() { Count = 12, SumMs = 36_000 }, Trips = 9, StopsOutsideZone = 0 },
        ];
        return new ElevatorHealth(7, metrics, warnings, hours, new RuleOutcomes(4, 1), 24, 30);
    }

    private static IRenderedComponent<ElevatorHealthView> Render(BunitContext ctx, bool canClose, Action<WarningView>? onClose = null) =>
        ctx.Render<ElevatorHealthView>(p => p
            .Add(v => v.Health, Seeded())
            .Add(v => v.NowUtc, Now)
            .Add(v => v.CanClose, canClose)
            .Add(v => v.OnClose, (WarningView w) => onClose?.Invoke(w)));

    [Fact]
    public async Task WarningsReadInPlainWordsWithTheirStateAndOnlyAnOpenOneCanBeClosed()
    {
        await using var ctx = NewContext(out _);
        WarningView? closed = null;

        var view = Render(ctx, canClose: true, w => closed = w);

        var warnings = view.FindAll("[data-testid=health-warning]");
        Assert.Equal(["Open", "Watching", "Recovered"], warnings.Select(w => w.GetAttribute("data-status")));
        Assert.Equal("关门时间较基线增加 40 %，已持续 1 天（基线 3.0 秒，近期 4.2 秒）", warnings[0].QuerySelector("[data-testid=health-warning-text]")!.TextContent);
        Assert.Equal(["待处理", "观察中", "已恢复"], view.FindAll("[data-testid=health-warning-status]").Select(s => s.TextContent));
        Assert.Contains("更换门机皮带", warnings[1].QuerySelector("[data-testid=health-warning-fixed]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("1 条待处理", view.Find("[data-testid=health-open-count]").TextContent, StringComparison.Ordinal);

        var close = Assert.Single(view.FindAll("[data-testid=health-close]"));
        Assert.Equal("Open", close.Closest("[data-testid=health-warning]")!.GetAttribute("data-status"));
        close.Click();
        Assert.Equal(3, closed?.Id);
    }

    [Fact]
    public async Task EachLandingShowsItsJudgedDayAndOnlyTheDriftingOneIsMarked()
    {
        await using var ctx = NewContext(out _);
        var judged = DateOnly.FromDateTime(Now).AddDays(-1);
        LandingHealth Landing(int landing, Judgement? closing, double? closingDay) => new(landing, judged, 30, 30,
        [
            new(HealthMetric.DoorClosingTime, [new HealthPoint(judged, closingDay)], closing),
            new(HealthMetric.DoorOpeningTime, [new HealthPoint(judged, 2500)], new Judgement(2500, 2500, 0, 0, false)),
            new(HealthMetric.Reopenings, [], null),
            new(HealthMetric.StopsOutsideZone, [], null),
        ]);
        var health = Seeded() with
        {
            Landings =
            [
                Landing(1, new Judgement(3000, 3000, 10, 0, false), 3000),
                Landing(2, new Judgement(4800, 3000, 10, 60, true), 4800),
                // Too few door cycles to judge: its value is shown, with no verdict.
                Landing(3, null, 2900),
            ],
        };

        var view = ctx.Render<ElevatorHealthView>(p => p.Add(v => v.Health, health).Add(v => v.NowUtc, Now));

        var rows = view.FindAll("[data-testid=health-landing]");
        Assert.Equal(["1", "2", "3"], rows.Select(r => r.GetAttribute("data-landing")));
        Assert.Equal(["false", "true", "false"], rows.Select(r => r.GetAttribute("data-drifting")));
        Assert.Equal("第 2 层站", rows[1].QuerySelector("td")!.TextContent);
        Assert.Equal("+60 %", Assert.Single(view.FindAll("[data-testid=health-landing-drift]")).TextContent);
        Assert.Equal(["3.00", "4.80", "2.90"], rows.Select(r => r.QuerySelector("[data-metric=DoorClosingTime] span")!.TextContent));
        Assert.Contains(judged.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), view.Find("[data-testid=health-landings]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithoutLandingDaysThereIsNoLandingTable()
    {
        await using var ctx = NewContext(out _);

        var view = Render(ctx, canClose: false);

        Assert.Empty(view.FindAll("[data-testid=health-landings]"));
    }

    [Fact]
    public async Task WithoutPermissionNoWarningOffersToBeClosed()
    {
        await using var ctx = NewContext(out _);

        var view = Render(ctx, canClose: false);

        Assert.Equal(3, view.FindAll("[data-testid=health-warning]").Count);
        Assert.Empty(view.FindAll("[data-testid=health-close]"));
    }

    [Fact]
    public async Task EachMetricChartsItsDaysThroughTodayAgainstTheBaselineBand()
    {
        await using var ctx = NewContext(out var charts);

        var view = Render(ctx, canClose: false);

        var closing = view.Find("[data-testid=health-metric-DoorClosingTime]");
        Assert.Equal("true", closing.GetAttribute("data-drifting"));
        Assert.Equal("+40 %", closing.QuerySelector("[data-testid=health-change]")!.TextContent);
        Assert.Equal("4.20", closing.QuerySelector("[data-testid=health-observed]")!.TextContent);
        Assert.Contains("3.00 ± 0.01", closing.QuerySelector("[data-testid=health-judgement]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("false", view.Find("[data-testid=health-metric-DoorOpeningTime]").GetAttribute("data-drifting"));
        Assert.Equal("0 %", view.Find("[data-testid=health-metric-DoorOpeningTime] [data-testid=health-change]").TextContent);
        // Half a stop outside the zone per 100 is below the 1-per-100 floor rates are compared with: normal, not "−50 %".
        Assert.Equal("正常", view.Find("[data-testid=health-metric-StopsOutsideZone] [data-testid=health-change]").TextContent);
        // Re-openings have neither a judgement nor a day with data: said so, no empty chart.
        var reopenings = view.Find("[data-testid=health-metric-Reopenings]");
        Assert.Contains("数据不足", reopenings.TextContent, StringComparison.Ordinal);
        Assert.Null(reopenings.QuerySelector(".tlb-chart"));
        // 31 days up to today, the missing one included as a gap.
        Assert.Equal("31", view.Find("[data-testid=health-chart-DoorClosingTime]").GetAttribute("data-categories"));

        var drawn = charts.Invocations["render"]
            .Select(i => JsonSerializer.SerializeToElement(i.Arguments[1]))
            .Single(o => o.GetProperty("chart").GetProperty("type").GetString() == "line"
                && o.GetProperty("series")[0].GetProperty("data").EnumerateArray().Any(v => v.ValueKind == JsonValueKind.Number && v.GetDouble() == 4.2));
        var data = drawn.GetProperty("series")[0].GetProperty("data").EnumerateArray().ToList();
        Assert.Equal(31, data.Count);
        Assert.Equal(JsonValueKind.Null, data[10].ValueKind);
        Assert.Equal(3.0, data[0].GetDouble());
        var bands = drawn.GetProperty("annotations").GetProperty("yaxis").EnumerateArray().ToList();
        Assert.Equal(2.99, bands[0].GetProperty("y").GetDouble());
        Assert.Equal(3.01, bands[0].GetProperty("y2").GetDouble());
        Assert.Equal(3.0, bands[1].GetProperty("y").GetDouble());
        Assert.Equal(JsonValueKind.Null, bands[1].GetProperty("y2").ValueKind);
        // The value axis reaches down to the band although the last day is far above it.
        Assert.True(drawn.GetProperty("yaxis").GetProperty("min").GetDouble() <= 2.99);
    }

    [Fact]
    public async Task RecentHoursAreNewestFirstWithTheCurrentHourMarkedAndTheEntrapmentRecordCounted()
    {
        await using var ctx = NewContext(out _);

        var view = Render(ctx, canClose: false);

        var rows = view.FindAll("[data-testid=health-hour]");
        Assert.Equal(3, rows.Count);
        var cells = rows[0].QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToList();
        Assert.Contains("进行中", cells[0], StringComparison.Ordinal);
        Assert.Equal(["12", "0", "3.00", "9", "0"], cells.Skip(1));
        Assert.Equal(["50", "2", "4.20", "35", "1"], rows[1].QuerySelectorAll("td").Skip(1).Select(c => c.TextContent.Trim()));
        Assert.DoesNotContain("进行中", rows[1].TextContent, StringComparison.Ordinal);
        Assert.Equal("4", view.Find("[data-testid=health-entrapments-confirmed]").TextContent);
        Assert.Equal("1", view.Find("[data-testid=health-entrapments-dismissed]").TextContent);
    }

    [Fact]
    public async Task InEnglishTheWarningAndTheMetricNamesReadInEnglish()
    {
        var previous = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo("en");
        try
        {
            await using var ctx = NewContext(out _);

            var view = Render(ctx, canClose: true);

            Assert.Equal("Door closing time 40 % above its baseline for 1 day(s) (baseline 3.0 s, recently 4.2 s)",
                view.Find("[data-testid=health-warning-text]").TextContent);
            Assert.Contains("Re-openings", view.Find("[data-testid=health-metric-Reopenings]").TextContent, StringComparison.Ordinal);
            Assert.Equal("Close as fixed", view.Find("[data-testid=health-close]").TextContent.Trim());
            Assert.DoesNotMatch(@"\p{IsCJKUnifiedIdeographs}", view.Find("[data-testid=health-warnings]").TextContent.Replace("更换门机皮带", "", StringComparison.Ordinal));
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = previous;
        }
    }
}
