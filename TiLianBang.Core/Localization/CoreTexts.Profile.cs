namespace TiLianBang.Core.Localization;

public static partial class CoreTexts
{
    /// <summary>个人资料修改 (name, mobile with an SMS code, picture) and the operator certificate expiry warnings.</summary>
    private static (string Chinese, string English)[] Profile() =>
    [
        ("验证码发送过于频繁，请 {0} 秒后再试。", "Codes are being requested too often; please try again in {0} seconds."),
        ("24 小时内获取验证码的次数已达上限，请稍后再试。", "Too many codes were requested within 24 hours; please try again later."),
        ("您正在更换梯连帮账号的手机号，验证码 {0}，{1} 分钟内有效。如非本人操作，请忽略本短信。",
            "You are changing the mobile of your TiLianBang account. Your code is {0}, valid for {1} minutes. If this was not you, ignore this message."),
        ("验证码已失效，请重新获取。", "The code is no longer valid; please request a new one."),
        ("验证码错误，还可以再试 {0} 次。", "Wrong code; {0} tries left."),
        ("验证码错误次数过多，请重新获取。", "Too many wrong codes; please request a new one."),
        ("这已是您当前的手机号。", "This is already your mobile number."),
        ("请选择头像图片。", "Please choose a picture."),
        ("作业人员证到期预警 {0}", "Operator certificate expiring: {0}"),
        ("作业人员证已过期 {0}", "Operator certificate expired: {0}"),
        ("{0} 的特种设备作业人员证 {1} 将于 {2:yyyy-MM-dd} 到期，还有 {3} 天。",
            "The special-equipment operator certificate {1} of {0} expires on {2:yyyy-MM-dd}, in {3} days."),
        ("{0} 的特种设备作业人员证 {1} 已于 {2:yyyy-MM-dd} 到期，请尽快复审换证。",
            "The special-equipment operator certificate {1} of {0} expired on {2:yyyy-MM-dd}; please have it renewed soon."),
    ];
}
