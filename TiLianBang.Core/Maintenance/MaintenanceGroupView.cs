namespace TiLianBang.Core.Maintenance;

public sealed record MaintenanceGroupView(int Id, string Name, int? LeaderId, string? LeaderName, IReadOnlyList<WorkerOption> Members);

/// <summary>A person who can be picked for maintenance work; pickers flag an expired operator certificate (证书过期).</summary>
public sealed record WorkerOption(int Id, string Name, bool CertificateExpired);
