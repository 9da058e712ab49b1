namespace TiLianBang.Core.Statistics;

/// <summary>What 故障统计分析 (STA-2) groups faults by: the manual's 单独电梯, 维保人员, 电梯品牌 and 故障码.</summary>
public enum FaultDimension
{
    Elevator,
    Worker,
    Brand,
    FaultCode,
}
