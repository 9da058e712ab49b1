using TiLianBang.Core.Auditing;

namespace TiLianBang.Core.Accounts;

/// <summary>
/// One expiry warning sent for a worker's operator certificate (MNT-7). The unique key (account, expiry date,
/// threshold) makes each warning go out once per threshold; a renewed certificate has a new date and warns again.
/// </summary>
public class CertificateWarning : INotAudited
{
    public int Id { get; set; }
    public int AccountId { get; set; }
    public DateOnly ExpiresOn { get; set; }
    /// <summary>Days before expiry (30 or 7), or 0 once expired.</summary>
    public int ThresholdDays { get; set; }
    public DateTime SentAtUtc { get; set; }
}
