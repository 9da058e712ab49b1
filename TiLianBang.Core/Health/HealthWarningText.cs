using System.Globalization;

namespace TiLianBang.Core.Health;

/// <summary>
/// A health warning in plain words, e.g. "关门时间较基线增加 35 %，已持续 3 天（基线 3.0 秒，近期 4.1 秒）". One whole
/// template per metric and unit of time, so that a stored sentence (a maintenance order's 依据) reads in English too.
/// </summary>
public static class HealthWarningText
{
    public static string MetricName(HealthMetric metric) => metric switch
    {
        HealthMetric.DoorClosingTime => "关门时间",
        HealthMetric.DoorOpeningTime => "开门时间",
        HealthMetric.Reopenings => "重开门次数",
        _ => "门区外停梯次数",
    };

    /// <summary>The metric's unit: seconds for door times, per 100 door cycles or stops for rates.</summary>
    public static string Unit(HealthMetric metric) => metric switch
    {
        HealthMetric.DoorClosingTime or HealthMetric.DoorOpeningTime => "秒",
        HealthMetric.Reopenings => "次/百次关门",
        _ => "次/百次停梯",
    };

    /// <summary>The value in the metric's display unit (seconds for door times, stored in milliseconds).</summary>
    public static double Display(HealthMetric metric, double value) =>
        metric is HealthMetric.DoorClosingTime or HealthMetric.DoorOpeningTime ? value / 1000 : value;

    /// <summary>The sentence, led by the landing for a landing's warning ("第 3 层站：关门时间较基线增加 …").</summary>
    public static string Describe(HealthWarning warning, DateTime nowUtc) =>
        warning.Landing is { } landing
            ? string.Create(CultureInfo.InvariantCulture, $"第 {landing} 层站：{DescribeMetric(warning, nowUtc)}")
            : DescribeMetric(warning, nowUtc);

    private static string DescribeMetric(HealthWarning warning, DateTime nowUtc)
    {
        var lasted = nowUtc - warning.DriftSinceUtc;
        var inDays = lasted >= TimeSpan.FromDays(1);
        var n = inDays ? (int)lasted.TotalDays : Math.Max(1, (int)lasted.TotalHours);
        var change = Math.Round(warning.ChangePercent).ToString("0", CultureInfo.InvariantCulture);
        var was = Display(warning.Metric, warning.Baseline).ToString("0.0", CultureInfo.InvariantCulture);
        var now = Display(warning.Metric, warning.Observed).ToString("0.0", CultureInfo.InvariantCulture);
        return (warning.Metric, inDays) switch
        {
            (HealthMetric.DoorClosingTime, true) => $"关门时间较基线增加 {change} %，已持续 {n} 天（基线 {was} 秒，近期 {now} 秒）",
            (HealthMetric.DoorClosingTime, false) => $"关门时间较基线增加 {change} %，已持续 {n} 小时（基线 {was} 秒，近期 {now} 秒）",
            (HealthMetric.DoorOpeningTime, true) => $"开门时间较基线增加 {change} %，已持续 {n} 天（基线 {was} 秒，近期 {now} 秒）",
            (HealthMetric.DoorOpeningTime, false) => $"开门时间较基线增加 {change} %，已持续 {n} 小时（基线 {was} 秒，近期 {now} 秒）",
            (HealthMetric.Reopenings, true) => $"重开门次数较基线增加 {change} %，已持续 {n} 天（基线每百次关门 {was} 次，近期 {now} 次）",
            (HealthMetric.Reopenings, false) => $"重开门次数较基线增加 {change} %，已持续 {n} 小时（基线每百次关门 {was} 次，近期 {now} 次）",
            (_, true) => $"门区外停梯次数较基线增加 {change} %，已持续 {n} 天（基线每百次停梯 {was} 次，近期 {now} 次）",
            _ => $"门区外停梯次数较基线增加 {change} %，已持续 {n} 小时（基线每百次停梯 {was} 次，近期 {now} 次）",
        };
    }
}
