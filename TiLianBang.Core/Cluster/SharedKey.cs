using TiLianBang.Core.Auditing;

namespace TiLianBang.Core.Cluster;

/// <summary>
/// Key material every node must agree on (the API token signing key), created once by whichever node needs it first.
/// Never audited: the operation log would otherwise show the key to every administrator.
/// </summary>
public class SharedKey : INotAudited
{
    public required string Name { get; set; }
    public required string Value { get; set; }
    public DateTime CreatedAtUtc { get; set; }
}
