using TiLianBang.Core.Common;

namespace TiLianBang.Core.Statistics;

/// <summary>The filters of 故障统计分析: the period, what to group by and how many groups to show before 其他.</summary>
public sealed record FaultStatisticsQuery(StatisticsPeriod Period, FaultDimension Dimension, int Top = 10)
{
    /// <summary>The page offers these; an API caller asking for anything else gets a field error.</summary>
    public static readonly IReadOnlyList<int> TopChoices = [10, 20, 50];

    public static int ParseTop(int? top)
    {
        if (top is null)
        {
            return TopChoices[0];
        }
        if (!TopChoices.Contains(top.Value))
        {
            throw new ValidationException(new Dictionary<string, string> { ["top"] = "显示条数须为 10、20 或 50。" });
        }
        return top.Value;
    }
}
