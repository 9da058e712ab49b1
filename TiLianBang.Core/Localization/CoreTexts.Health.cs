namespace TiLianBang.Core.Localization;

public static partial class CoreTexts
{
    /// <summary>
    /// Texts of 设备健康 (issue 21): metric names, a warning in plain words (stored nowhere, composed on each read, and
    /// shown through <see cref="Show(string?)"/>: "关门时间较基线增加 35 %，已持续 3 天（基线 3.0 秒，近期 4.1 秒）" has its
    /// name, duration and values recognised in turn), its notification and the refusals of closing it as fixed.
    /// </summary>
    private static (string Chinese, string English)[] Health() =>
    [
        ("关门时间", "Door closing time"),
        ("开门时间", "Door opening time"),
        ("重开门次数", "Door re-openings"),
        ("门区外停梯次数", "Stops outside the door zone"),
        ("{0:0.0} 秒", "{0:0.0} s"),
        ("每百次关门 {0:0.0} 次", "{0:0.0} per 100 door cycles"),
        ("每百次停梯 {0:0.0} 次", "{0:0.0} per 100 stops"),
        ("{0} 天", "{0} d"),
        ("{0} 小时", "{0} h"),
        ("{0}较基线增加 {1:0} %，已持续 {2}（基线 {3}，近期 {4}）", "{0} is {1:0} % above its baseline for {2} (baseline {3}, recently {4})"),
        ("健康预警 {0}", "Health warning {0}"),
        ("{0}：{1}较基线增加 {2} %，已持续 {3}（基线 {4}，近期 {5}）", "{0}: {1} is {2} % above its baseline for {3} (baseline {4}, recently {5})"),
        ("{0}：{1}较基线增加 {2} %，已持续 {3}（基线 {4}，近期 {5}）（维修后仍未恢复）",
            "{0}: {1} is {2} % above its baseline for {3} (baseline {4}, recently {5}); not recovered after the repair"),
        ("（维修后仍未恢复）", " (not recovered after the repair)"),
        // Why on-demand maintenance is due at once (a maintenance order's 依据): the open warnings, joined by "；".
        ("健康预警：", "Health warning: "),
        ("健康预警：{0}", "Health warning: {0}"),
        ("健康预警 {0} 不存在或无权查看。", "Health warning {0} does not exist or is not visible to you."),
        ("只有该电梯的维保单位可以关闭健康预警。", "Only the elevator's maintenance company can close its health warnings."),
        ("该健康预警已关闭，正在观察或已恢复。", "This health warning is already closed: it is being watched or has recovered."),
        ("说明最多 200 字。", "The note can hold at most 200 characters."),
    ];
}
