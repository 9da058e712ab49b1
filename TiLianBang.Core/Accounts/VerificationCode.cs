using TiLianBang.Core.Auditing;

namespace TiLianBang.Core.Accounts;

/// <summary>
/// One SMS verification code request (密码找回, or confirming a new mobile). Every request is a row, also for
/// a mobile that belongs to nobody: the rate limits count rows per mobile and per client address, so they hold
/// across restarts and web nodes, and an unknown mobile is treated exactly like a known one.
/// </summary>
public class VerificationCode : INotAudited
{
    public int Id { get; set; }
    public VerificationPurpose Purpose { get; set; }
    public required string Phone { get; set; }
    /// <summary>The throttling key of the client that asked (<c>SignInThrottle.AddressKey</c>).</summary>
    public required string ClientKey { get; set; }
    /// <summary>Who the code is for; null when the mobile matched nobody (no code was sent).</summary>
    public int? AccountId { get; set; }
    /// <summary>SHA-256 of the code; null when nothing was sent.</summary>
    public string? CodeHash { get; set; }
    public DateTime RequestedAtUtc { get; set; }
    public DateTime ExpiresAtUtc { get; set; }
    public int FailedAttempts { get; set; }
    public DateTime? UsedAtUtc { get; set; }
}

public enum VerificationPurpose
{
    PasswordRecovery = 0,
    PhoneChange = 1,
}
