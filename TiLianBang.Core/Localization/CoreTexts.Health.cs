namespace TiLianBang.Core.Localization;

public static partial class CoreTexts
{
    /// <summary>
    /// Texts of elevator health (issue 21): the warnings' plain words (<c>HealthWarningText</c>), the 健康预警 reason of an
    /// on-demand maintenance order, and 困人研判's evidence, orders and refusals.
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
        ("{0}较基线增加 {1:0} %，已持续 {2}（基线 {3}，近期 {4}）", "{0} {1:0} % above its baseline for {2} (baseline {3}, recently {4})"),
        // OnDemandPlanner's reason: one sentence per open warning (one warning per metric), joined by "；" (see JoinedTexts).
        ("健康预警：", "Health warning: "),
        ("健康预警 {0}", "Health warning {0}"),
        ("（维修后仍未恢复）", " (not recovered after the repair)"),
        ("健康预警 {0} 不存在或无权查看。", "Health warning {0} does not exist or is not visible to you."),
        ("只有该电梯的维保单位可以关闭健康预警。", "Only the elevator's maintenance company may close health warnings."),
        ("该健康预警已关闭，正在观察或已恢复。", "This health warning is already closed: it is being watched or has recovered."),
        ("说明最多 200 字。", "The note can hold at most 200 characters."),
        ("疑似困人 {0}", "Suspected entrapment {0}"),
        ("{0} 第 {1} 层站附近停在门区外，门已关闭，轿厢有人，已持续 {2} 秒，设备未报困人。",
            "{0} stopped outside the door zone near landing {1}, door closed, someone in the car, for {2} s; the device reported no entrapment."),
        ("疑似困人（平台研判，调度确认）：", "Suspected entrapment (inferred by the platform, confirmed by the dispatcher): "),
        ("疑似困人（平台研判，调度确认）：{0}", "Suspected entrapment (inferred by the platform, confirmed by the dispatcher): {0}"),
        ("疑似困人 {0} 不存在或无权查看。", "Suspected entrapment {0} does not exist or is not visible to you."),
        ("该疑似困人已处理。", "This suspected entrapment has already been decided."),
        ("调度确认疑似困人（平台研判），并入本工单", "The dispatcher confirmed a suspected entrapment (inferred by the platform); joined to this order"),
        ("调度确认疑似困人（平台研判），生成困人急修工单", "The dispatcher confirmed a suspected entrapment (inferred by the platform); trapped-passenger repair order created"),
    ];
}
