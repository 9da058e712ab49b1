namespace TiLianBang.Core.Devices;

/// <summary>
/// The default 8K parameter set (function groups F0–FB) that 读取参数 asks for and decodes. SYS-4 makes it
/// editable; until then this is the specification.
/// </summary>
public static class DefaultParameters
{
    public static readonly IReadOnlyList<ParameterDefinition> All =
    [
        new("F0-00", "F0 基本参数", "控制方式", null),
        new("F0-01", "F0 基本参数", "命令源选择", null),
        new("F0-02", "F0 基本参数", "运行频率上限", "Hz"),
        new("F0-03", "F0 基本参数", "电梯额定速度", "m/s"),
        new("F0-04", "F0 基本参数", "电梯额定载重", "kg"),
        new("F1-00", "F1 电机参数", "编码器类型", null),
        new("F1-01", "F1 电机参数", "额定功率", "kW"),
        new("F1-02", "F1 电机参数", "额定电压", "V"),
        new("F1-03", "F1 电机参数", "额定电流", "A"),
        new("F1-04", "F1 电机参数", "额定频率", "Hz"),
        new("F1-05", "F1 电机参数", "额定转速", "rpm"),
        new("F3-00", "F3 运行控制", "启动速度", "m/s"),
        new("F3-01", "F3 运行控制", "加速度", "m/s²"),
        new("F3-02", "F3 运行控制", "拐点加速时间", "s"),
        new("F4-00", "F4 楼层参数", "平层调整", "mm"),
        new("F4-01", "F4 楼层参数", "当前楼层", null),
        new("F6-00", "F6 基本功能", "电梯最高层", null),
        new("F6-01", "F6 基本功能", "电梯最低层", null),
        new("F8-01", "F8 增强功能", "预转矩选择", null),
        new("FA-00", "FA 键盘设定", "小键盘显示选择", null),
        new("FB-00", "FB 门功能", "门机数量", null),
        new("FB-02", "FB 门功能", "开门保持时间", "s"),
    ];

    public static ParameterDefinition? Find(string code) => All.FirstOrDefault(p => p.Code == code);
}
