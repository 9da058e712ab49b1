namespace TiLianBang.Core.Accounts;

public enum SignInOutcome
{
    Succeeded,
    /// <summary>Password right, but the account must choose a new password before doing anything else.</summary>
    MustChangePassword,
    WrongCredentials,
    /// <summary>Too many failures for this user name from this address (answered alike for unknown names).</summary>
    LockedOut,
    /// <summary>Too many failures from this address, whatever the account: try again later.</summary>
    Throttled,
    /// <summary>Password right, but an administrator locked or disabled the account.</summary>
    Disabled,
}
