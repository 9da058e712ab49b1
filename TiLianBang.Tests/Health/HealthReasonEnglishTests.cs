using System.Globalization;
using TiLianBang.Core.Health;
using TiLianBang.Core.Localization;

namespace TiLianBang.Tests.Health;

/// <summary>The 健康预警 reason OnDemandPlanner stores on a maintenance order reads in English.</summary>
public sealed class HealthReasonEnglishTests
{
    private static readonly CultureInfo English = new("en");
    private static readonly CultureInfo Chinese = new("zh-CN");
    private static readonly DateTime Now = new(2026, 12, 3, 8, 0, 0, DateTimeKind.Utc);

    private static HealthWarning Warning(HealthMetric metric, double baseline, double observed, TimeSpan lasted) => new()
    {
        Metric = metric,
        Baseline = baseline,
        Observed = observed,
        ChangePercent = 100 * (observed - baseline) / baseline,
        DriftSinceUtc = Now - lasted,
    };

    [Theory]
    [InlineData(HealthMetric.DoorClosingTime, 3000, 4100, 72, "Door closing time 37 % above its baseline for 3 day(s) (baseline 3.0 s, recently 4.1 s)")]
    [InlineData(HealthMetric.DoorOpeningTime, 2500, 3300, 5, "Door opening time 32 % above its baseline for 5 hour(s) (baseline 2.5 s, recently 3.3 s)")]
    [InlineData(HealthMetric.Reopenings, 1.5, 6.2, 30, "Re-openings 313 % above their baseline for 1 day(s) (baseline 1.5 per 100 door cycles, recently 6.2)")]
    [InlineData(HealthMetric.StopsOutsideZone, 1, 3, 2, "Stops outside the door zone 200 % above their baseline for 2 hour(s) (baseline 1.0 per 100 stops, recently 3.0)")]
    public void AReasonWithOneWarningReadsInEnglish(HealthMetric metric, double baseline, double observed, int hours, string english)
    {
        var reason = "健康预警：" + HealthWarningText.Describe(Warning(metric, baseline, observed, TimeSpan.FromHours(hours)), Now);

        Assert.Equal("Health warning: " + english, CoreTexts.Show(reason, English));
        Assert.Equal(reason, CoreTexts.Show(reason, Chinese));
    }

    [Fact]
    public void AReasonWithSeveralWarningsNamesTheLargestAndCountsTheOthers()
    {
        var worst = HealthWarningText.Describe(Warning(HealthMetric.Reopenings, 2, 5, TimeSpan.FromDays(4)), Now);
        var reason = $"健康预警：{worst}（另有 1 项预警）";

        Assert.Equal("Health warning: Re-openings 150 % above their baseline for 4 day(s) (baseline 2.0 per 100 door cycles, recently 5.0) (1 more warning(s))",
            CoreTexts.Show(reason, English));
    }

    [Fact]
    public void AWarningsSentenceOnItsOwnReadsInEnglish()
    {
        var sentence = HealthWarningText.Describe(Warning(HealthMetric.DoorClosingTime, 3000, 4100, TimeSpan.FromDays(3)), Now);

        Assert.Equal("Door closing time 37 % above its baseline for 3 day(s) (baseline 3.0 s, recently 4.1 s)", CoreTexts.Show(sentence, English));
    }

    [Fact]
    public void TheOrderOfAConfirmedSuspicionReadsInEnglish()
    {
        var stored = "疑似困人（平台研判，调度确认）：" + EntrapmentDesk.Evidence("金科十年城 1栋1单元", 5, Now.AddSeconds(-95), Now);

        Assert.Equal("Suspected entrapment (inferred by the platform, confirmed by the dispatcher): 金科十年城 1栋1单元 stopped outside the door zone "
            + "near landing 5 with the door closed and a passenger inside for 95 s; the collector reported no entrapment.", CoreTexts.Show(stored, English));
    }
}
