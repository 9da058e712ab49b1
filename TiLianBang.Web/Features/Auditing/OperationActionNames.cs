using TiLianBang.Core.Auditing;

namespace TiLianBang.Web.Features.Auditing;

/// <summary>The Chinese name (localizer key) of each logged action.</summary>
public static class OperationActionNames
{
    public static string Of(OperationAction action) => action switch
    {
        OperationAction.Create => "新增",
        OperationAction.Update => "修改",
        OperationAction.Delete => "删除",
        OperationAction.SignIn => "登录",
        OperationAction.SignInFailed => "登录失败",
        OperationAction.SignOut => "退出登录",
        OperationAction.PasswordChanged => "修改密码",
        OperationAction.LockedOut => "账号锁定",
        OperationAction.TokenIssued => "签发令牌",
        OperationAction.AccountDisabled => "停用账号",
        OperationAction.AccountEnabled => "启用账号",
        OperationAction.AccountUnlocked => "解除锁定",
        OperationAction.PasswordReset => "重置密码",
        OperationAction.WeChatBound => "绑定微信",
        OperationAction.WeChatUnbound => "解绑微信",
        OperationAction.PasswordRecovered => "找回密码",
        OperationAction.DeviceCommand => "设备指令",
        _ => action.ToString(),
    };
}
