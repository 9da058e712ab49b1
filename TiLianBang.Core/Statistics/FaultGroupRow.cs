namespace TiLianBang.Core.Statistics;

/// <summary>
/// One bar of 故障统计分析 and its table row. <see cref="Key"/> names the group for the drill-down
/// (<see cref="FaultStatistics.NoneKey"/> for 未指派 / 未填写 / 无故障代码, <see cref="FaultStatistics.OtherKey"/> for 其他);
/// the rates are null where they mean nothing (a worker has no fleet) or there is nothing to divide by.
/// </summary>
public sealed record FaultGroupRow(
    string Key,
    string Label,
    int Count,
    double SharePercent,
    int? Fleet,
    double? PerElevatorYear,
    long? Runs,
    double? PerThousandRuns)
{
    public bool IsOther => Key == FaultStatistics.OtherKey;
    public bool IsNone => Key == FaultStatistics.NoneKey;
}
