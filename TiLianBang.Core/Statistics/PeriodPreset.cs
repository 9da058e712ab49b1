namespace TiLianBang.Core.Statistics;

/// <summary>The periods a statistics page offers before a custom range.</summary>
public enum PeriodPreset
{
    Last7Days,
    Last30Days,
    ThisMonth,
    ThisYear,
    Custom,
}
