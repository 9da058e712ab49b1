namespace TiLianBang.Core.Accounts;

public enum SignInOutcome
{
    Succeeded,
    /// <summary>Password right, but the account must choose a new password before doing anything else.</summary>
    MustChangePassword,
    WrongCredentials,
    LockedOut,
}
