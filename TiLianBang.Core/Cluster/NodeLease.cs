using TiLianBang.Core.Auditing;

namespace TiLianBang.Core.Cluster;

/// <summary>
/// Who may run a named piece of recurring work right now (5级上报, maintenance generation …) and until when. A node
/// that stops renewing (crashed, cut off) loses it at <see cref="ExpiresAtUtc"/> and another node takes over.
/// </summary>
public class NodeLease : INotAudited
{
    public required string Name { get; set; }
    public required string Holder { get; set; }
    public DateTime ExpiresAtUtc { get; set; }
}
