namespace TiLianBang.Core.Localization;

public static partial class CoreTexts
{
    /// <summary>Texts of elevator health (issue 21): metric names and units, warnings in plain words, 困人研判.</summary>
    private static (string Chinese, string English)[] Health() =>
    [
        ("关门时间", "Door closing time"),
        ("开门时间", "Door opening time"),
        ("重开门次数", "Re-openings"),
        ("门区外停梯次数", "Stops outside the door zone"),
        ("秒", "s"),
        ("次/百次关门", "per 100 door cycles"),
        ("次/百次停梯", "per 100 stops"),
        ("关门时间较基线增加 {0} %，已持续 {1} 天（基线 {2} 秒，近期 {3} 秒）",
            "Door closing time {0} % above its baseline for {1} day(s) (baseline {2} s, recently {3} s)"),
        ("关门时间较基线增加 {0} %，已持续 {1} 小时（基线 {2} 秒，近期 {3} 秒）",
            "Door closing time {0} % above its baseline for {1} hour(s) (baseline {2} s, recently {3} s)"),
        ("开门时间较基线增加 {0} %，已持续 {1} 天（基线 {2} 秒，近期 {3} 秒）",
            "Door opening time {0} % above its baseline for {1} day(s) (baseline {2} s, recently {3} s)"),
        ("开门时间较基线增加 {0} %，已持续 {1} 小时（基线 {2} 秒，近期 {3} 秒）",
            "Door opening time {0} % above its baseline for {1} hour(s) (baseline {2} s, recently {3} s)"),
        ("重开门次数较基线增加 {0} %，已持续 {1} 天（基线每百次关门 {2} 次，近期 {3} 次）",
            "Re-openings {0} % above their baseline for {1} day(s) (baseline {2} per 100 door cycles, recently {3})"),
        ("重开门次数较基线增加 {0} %，已持续 {1} 小时（基线每百次关门 {2} 次，近期 {3} 次）",
            "Re-openings {0} % above their baseline for {1} hour(s) (baseline {2} per 100 door cycles, recently {3})"),
        ("门区外停梯次数较基线增加 {0} %，已持续 {1} 天（基线每百次停梯 {2} 次，近期 {3} 次）",
            "Stops outside the door zone {0} % above their baseline for {1} day(s) (baseline {2} per 100 stops, recently {3})"),
        ("门区外停梯次数较基线增加 {0} %，已持续 {1} 小时（基线每百次停梯 {2} 次，近期 {3} 次）",
            "Stops outside the door zone {0} % above their baseline for {1} hour(s) (baseline {2} per 100 stops, recently {3})"),
        ("第 {0} 层站：{1}", "Landing {0}: {1}"),
        ("健康预警：{0}", "Health warning: {0}"),
        ("健康预警：{0}（另有 {1} 项预警）", "Health warning: {0} ({1} more warning(s))"),
        ("健康预警 {0}", "Health warning {0}"),
        ("{0}：{1}（维修后仍未恢复）", "{0}: {1} (not recovered after the repair)"),
        ("健康预警 {0} 不存在或无权查看。", "Health warning {0} does not exist or is not visible to you."),
        ("只有该电梯的维保单位可以关闭健康预警。", "Only the elevator's maintenance company can close a health warning."),
        ("该健康预警已关闭，正在观察或已恢复。", "This health warning was already closed; it is being watched or has recovered."),
        ("说明最多 200 字。", "The note can hold at most 200 characters."),
        ("疑似困人 {0}", "Suspected entrapment {0}"),
        ("疑似困人（平台研判，调度确认）：{0}", "Suspected entrapment (inferred by the platform, confirmed by the dispatcher): {0}"),
        ("{0} 第 {1} 层站附近停在门区外，门已关闭，轿厢有人，已持续 {2} 秒，设备未报困人。",
            "{0} stopped outside the door zone near landing {1} with the door closed and a passenger inside for {2} s; the collector reported no entrapment."),
        ("疑似困人 {0} 不存在或无权查看。", "Suspected entrapment {0} does not exist or is not visible to you."),
        ("该疑似困人已处理。", "This suspected entrapment has already been decided."),
        ("调度确认疑似困人（平台研判），并入本工单", "Dispatcher confirmed a suspected entrapment (inferred by the platform); joined to this order"),
        ("调度确认疑似困人（平台研判），生成困人急修工单", "Dispatcher confirmed a suspected entrapment (inferred by the platform); trapped-passenger repair order created"),
    ];
}
