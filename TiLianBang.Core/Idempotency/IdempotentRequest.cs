using TiLianBang.Core.Auditing;

namespace TiLianBang.Core.Idempotency;

/// <summary>
/// A write sent with an <c>Idempotency-Key</c> (the mini-program's outbox resends a write it got no answer to). It is
/// stored in the same transaction as the write itself, so a retry after a lost answer — or after the process died
/// between commit and answer — is never applied twice. Not audited: the write it guards is.
/// </summary>
public class IdempotentRequest : INotAudited
{
    public const int MaxKeyLength = 100;

    public long Id { get; set; }
    public int AccountId { get; set; }
    public required string Key { get; set; }
    public required string Method { get; set; }
    public required string Path { get; set; }
    /// <summary>SHA-256 of method, path and body: the same key with another request is a client error.</summary>
    public required string RequestHash { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    /// <summary>Null while the request runs, or when the write committed but the answer was lost (a crash).</summary>
    public DateTime? CompletedAtUtc { get; set; }
    public int? StatusCode { get; set; }
    public string? ContentType { get; set; }
    public string? Location { get; set; }
    public byte[]? ResponseBody { get; set; }
}
