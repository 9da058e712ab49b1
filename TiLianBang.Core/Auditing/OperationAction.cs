namespace TiLianBang.Core.Auditing;

public enum OperationAction
{
    Create = 0,
    Update = 1,
    Delete = 2,
    SignIn = 10,
    SignInFailed = 11,
    SignOut = 12,
    PasswordChanged = 13,
    LockedOut = 14,
    TokenIssued = 15,
    AccountDisabled = 16,
    AccountEnabled = 17,
    AccountUnlocked = 18,
    PasswordReset = 19,
    WeChatBound = 21,
    WeChatUnbound = 22,
    PasswordRecovered = 23,
    DeviceCommand = 20,
}
