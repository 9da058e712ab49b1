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
    DeviceCommand = 20,
}
