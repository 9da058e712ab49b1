namespace TiLianBang.Core.Accounts;

/// <summary>The outcome of checking a user name and password; <see cref="Account"/> is set when they matched.</summary>
public sealed record SignInResultWithAccount(SignInOutcome Outcome, Account? Account, DateTimeOffset? LockedUntil = null)
{
    public bool PasswordAccepted => Outcome is SignInOutcome.Succeeded or SignInOutcome.MustChangePassword;
}
