namespace TiLianBang.Core.Localization;

public static partial class CoreTexts
{
    /// <summary>Texts of the mini-program's monitoring, GIS and live updates over the WebSocket.</summary>
    private static (string Chinese, string English)[] Monitoring() =>
    [
        ("按距离查询需要纬度和经度。", "A search by distance needs a latitude and a longitude."),
        ("纬度须为 -90 到 90 之间的数。", "The latitude must be a number from -90 to 90."),
        ("经度须为 -180 到 180 之间的数。", "The longitude must be a number from -180 to 180."),
        ("坐标系须为 wgs84 或 gcj02。", "The datum must be wgs84 or gcj02."),
        ("半径须为 1–50000 米。", "The radius must be 1–50000 metres."),
        ("该电梯没有名为“{0}”的楼层。", "This elevator has no floor named \"{0}\"."),
        ("楼层序号与楼层名称不一致。", "The floor index and the floor name do not match."),
        ("楼层序号须为 1–{0}。", "The floor index must be 1–{0}."),
        ("楼层名称最多 {0} 个字符。", "A floor name has at most {0} characters."),
        ("期数须为 1–{0}。", "The number of periods must be 1–{0}."),
        ("查询内容最多 {0} 个字符。", "A search has at most {0} characters."),
        ("采集器离线，指令未发送。", "The collector is offline; the command was not sent."),
        ("采集器未在规定时间内应答。", "The collector did not answer in time."),
        ("采集器拒绝了指令：{0}", "The collector refused the command: {0}"),
        ("取值须为以下之一：{0}。", "The value must be one of: {0}."),
    ];
}
