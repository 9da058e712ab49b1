namespace TiLianBang.Core.Auditing;

/// <summary>日志: one thing a person (or the system) did. Written for every sign-in and every write.</summary>
public class OperationLog
{
    public long Id { get; set; }
    public DateTime AtUtc { get; set; }
    public int? AccountId { get; set; }
    /// <summary>Account user name, or a system job's name, or the name someone tried to sign in with.</summary>
    public string? UserName { get; set; }
    /// <summary>The actor's company; a company sees the logs of its own accounts.</summary>
    public int? CompanyId { get; set; }
    public string? IpAddress { get; set; }
    public OperationAction Action { get; set; }
    /// <summary>What was acted on, e.g. "Elevator#12".</summary>
    public string? Target { get; set; }
    /// <summary>What changed (property names for writes; never secret values).</summary>
    public string? Summary { get; set; }
}
