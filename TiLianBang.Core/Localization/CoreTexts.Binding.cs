namespace TiLianBang.Core.Localization;

public static partial class CoreTexts
{
    /// <summary>WeChat binding (绑定) and password recovery (密码找回).</summary>
    private static (string Chinese, string English)[] Binding() =>
    [
        ("请输入账号、密码和通道号。", "Please enter the user name, password and channel number."),
        ("微信登录未配置，请联系管理员。", "WeChat sign-in is not set up; please contact your administrator."),
        ("通道号不正确，请向管理员确认。", "The channel number is wrong; please check it with your administrator."),
        ("该账号已绑定其他微信，请联系管理员解绑后再绑定。", "This account is bound to another WeChat user; ask your administrator to unbind it first."),
        ("该微信已绑定其他账号，请先解绑原账号。", "This WeChat user is bound to another account; unbind that account first."),
        ("缺少微信登录凭证。", "The WeChat login code is missing."),
        ("该微信尚未绑定账号，请先用账号和密码绑定。", "This WeChat user is not bound to an account; bind it with your user name and password first."),
        ("微信登录凭证无效，请重新打开小程序再试。", "The WeChat login code is invalid; reopen the mini-program and try again."),
        ("微信登录失败（{0}），请重新打开小程序再试。", "WeChat sign-in failed ({0}); reopen the mini-program and try again."),
        ("暂时无法连接微信，请稍后再试。", "WeChat cannot be reached right now; please try again later."),
        ("验证码", "Verification code"),
        ("您的密码找回验证码为 {0}，{1} 分钟内有效。如非本人操作，请忽略。",
            "Your password recovery code is {0}, valid for {1} minutes. If you did not ask for it, ignore this message."),
        ("请输入手机号、验证码和新密码。", "Please enter the mobile, the verification code and the new password."),
        ("验证码错误或已失效，请重新获取。", "The verification code is wrong or no longer valid; please request a new one."),
        ("如果该手机号已登记，验证码已发送。", "If this mobile is registered, a verification code has been sent."),
        ("获取验证码过于频繁，请 {0} 分钟后再试。", "Too many verification code requests; please try again in {0} minutes."),
        ("验证码尝试过于频繁，请 {0} 分钟后再试。", "Too many verification code attempts; please try again in {0} minutes."),
    ];
}
