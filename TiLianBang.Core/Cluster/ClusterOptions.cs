namespace TiLianBang.Core.Cluster;

/// <summary>
/// The <c>Cluster</c> section. With <see cref="Enabled"/> several web nodes share one database: the keys that sign
/// cookies and API tokens live in the database instead of the data folder, so whichever node a request reaches
/// accepts it. Leases and outbox claims work the same either way (one box is a cluster of one).
/// </summary>
public sealed class ClusterOptions
{
    public const string Section = "Cluster";

    public bool Enabled { get; set; }

    /// <summary>How this node names itself in leases and claims (logs, diagnostics); the machine name by default.</summary>
    public string? NodeName { get; set; }
}
