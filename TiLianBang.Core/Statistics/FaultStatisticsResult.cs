namespace TiLianBang.Core.Statistics;

/// <summary>The figures of 故障统计分析: the top groups then 其他, whose counts always add up to <see cref="Total"/>.</summary>
public sealed record FaultStatisticsResult(
    StatisticsPeriod Period,
    FaultDimension Dimension,
    int Top,
    int Total,
    IReadOnlyList<FaultGroupRow> Rows);
