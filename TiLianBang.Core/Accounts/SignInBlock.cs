namespace TiLianBang.Core.Accounts;

/// <summary>Why <see cref="SignInThrottle"/> refuses to try a sign-in, and until when.</summary>
public sealed record SignInBlock(SignInBlockKind Kind, DateTimeOffset Until);

public enum SignInBlockKind
{
    /// <summary>Too many failures from this address, whatever the account.</summary>
    AddressThrottled,
    /// <summary>Too many failures for this user name from this address.</summary>
    LockedOut,
}
