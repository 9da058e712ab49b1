using System.Globalization;
using Microsoft.Extensions.Localization;
using TiLianBang.Core.Health;
using TiLianBang.Core.Localization;

namespace TiLianBang.Web.Features.Health;

/// <summary>How the health pages show a metric: door times in seconds, rates per 100 door cycles or stops.</summary>
public static class HealthFormat
{
    /// <summary>The metric's name in the reader's language.</summary>
    public static string Name(HealthMetric metric) => CoreTexts.Show(HealthWarningText.MetricName(metric), CultureInfo.CurrentUICulture);

    /// <summary>A value in the unit shown (milliseconds become seconds), rounded as the charts and tables show it.</summary>
    public static double Shown(HealthMetric metric, double value) =>
        IsTime(metric) ? Math.Round(value / 1000, 2) : Math.Round(value, 1);

    public static string Number(HealthMetric metric, double value) =>
        Shown(metric, value).ToString(IsTime(metric) ? "0.00" : "0.0", CultureInfo.CurrentCulture);

    public static string Unit(HealthMetric metric, IStringLocalizer l) => metric switch
    {
        HealthMetric.DoorClosingTime or HealthMetric.DoorOpeningTime => l["秒"],
        HealthMetric.Reopenings => l["次 / 百次关门"],
        _ => l["次 / 百次停梯"],
    };

    /// <summary>"+40 %" (a rise is what a warning is about; a fall shows its minus sign).</summary>
    public static string Change(double percent) =>
        string.Create(CultureInfo.CurrentCulture, $"{(percent >= 0.5 ? "+" : "")}{Math.Round(percent):0} %");

    public static string StatusName(HealthWarningStatus status) => status switch
    {
        HealthWarningStatus.Open => "待处理",
        HealthWarningStatus.Watching => "观察中",
        _ => "已恢复",
    };

    /// <summary>The status chip's tone: open is a fault to fix, watched is work in progress, recovered is normal.</summary>
    public static string StatusClass(HealthWarningStatus status) => status switch
    {
        HealthWarningStatus.Open => "tlb-status tlb-status-fault",
        HealthWarningStatus.Watching => "tlb-status tlb-status-running",
        _ => "tlb-status tlb-status-normal",
    };

    private static bool IsTime(HealthMetric metric) => metric is HealthMetric.DoorClosingTime or HealthMetric.DoorOpeningTime;
}
