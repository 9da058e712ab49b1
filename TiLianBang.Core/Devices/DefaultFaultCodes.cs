namespace TiLianBang.Core.Devices;

/// <summary>
/// The protocol's default code table. Fault code management (SYS-2) seeds from it and may rename codes and add
/// 100–999; until then an unknown code is treated as a fault, the safe side.
/// </summary>
public static class DefaultFaultCodes
{
    public static FaultKind KindOf(int code) => code switch
    {
        >= 40 and <= 47 => FaultKind.Event,
        90 => FaultKind.Alarm,
        _ => FaultKind.Fault,
    };

    /// <summary>困人: passengers trapped.</summary>
    public const int PassengersTrapped = 11;

    private static readonly Dictionary<int, string> Names = new()
    {
        [1] = "运行中安全回路断路", [2] = "关门故障", [3] = "开门故障", [4] = "门区外停梯", [5] = "轿厢意外移动",
        [6] = "电动机运转时间限制器动作", [7] = "楼层位置丢失", [8] = "防止电梯再运行故障", [9] = "冲顶", [10] = "蹲底",
        [11] = "困人", [12] = "超速", [13] = "运行中开门", [40] = "恢复自动运行", [41] = "主电源断电", [42] = "进入停止服务",
        [43] = "进入检修", [44] = "消防返回", [45] = "消防员运行", [46] = "应急电源运行", [47] = "地震模式", [90] = "轿厢报警按钮",
    };

    /// <summary>The protocol table's Chinese name, or "代码 N" for codes it does not list.</summary>
    public static string NameOf(int code) => Names.TryGetValue(code, out var name) ? name : $"代码 {code}";
}
