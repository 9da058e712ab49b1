using System.Globalization;

namespace TiLianBang.Core.Health;

/// <summary>A health warning in plain words, e.g. "关门时间较基线增加 35 %，已持续 3 天（基线 3.0 秒，近期 4.1 秒）".</summary>
public static class HealthWarningText
{
    public static string MetricName(HealthMetric metric) => metric switch
    {
        HealthMetric.DoorClosingTime => "关门时间",
        HealthMetric.DoorOpeningTime => "开门时间",
        HealthMetric.Reopenings => "重开门次数",
        _ => "门区外停梯次数",
    };

    /// <summary>The metric's value with its unit: seconds for door times, per 100 door cycles or stops for rates.</summary>
    public static string Value(HealthMetric metric, double value) => metric switch
    {
        HealthMetric.DoorClosingTime or HealthMetric.DoorOpeningTime => string.Create(CultureInfo.InvariantCulture, $"{value / 1000:0.0} 秒"),
        HealthMetric.Reopenings => string.Create(CultureInfo.InvariantCulture, $"每百次关门 {value:0.0} 次"),
        _ => string.Create(CultureInfo.InvariantCulture, $"每百次停梯 {value:0.0} 次"),
    };

    public static string Describe(HealthWarning warning, DateTime nowUtc)
    {
        var lasted = nowUtc - warning.DriftSinceUtc;
        var duration = lasted >= TimeSpan.FromDays(1)
            ? string.Create(CultureInfo.InvariantCulture, $"{(int)lasted.TotalDays} 天")
            : string.Create(CultureInfo.InvariantCulture, $"{Math.Max(1, (int)lasted.TotalHours)} 小时");
        return string.Create(CultureInfo.InvariantCulture,
            $"{MetricName(warning.Metric)}较基线增加 {Math.Round(warning.ChangePercent):0} %，已持续 {duration}（基线 {Value(warning.Metric, warning.Baseline)}，近期 {Value(warning.Metric, warning.Observed)}）");
    }
}
