namespace TiLianBang.Core.Accounts;

/// <summary>The outcome of checking a user name and password; <see cref="Account"/> is set when they matched.</summary>
public sealed record SignInResultWithAccount(SignInOutcome Outcome, Account? Account, DateTimeOffset? LockedUntil = null)
{
    /// <summary>How long a locked-out or throttled caller should wait (for a Retry-After header).</summary>
    public TimeSpan RetryAfter(DateTimeOffset now) =>
        LockedUntil is { } until && until > now ? until - now : TimeSpan.Zero;

    public bool PasswordAccepted => Outcome is SignInOutcome.Succeeded or SignInOutcome.MustChangePassword;
}
