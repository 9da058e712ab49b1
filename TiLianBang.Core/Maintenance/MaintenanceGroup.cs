namespace TiLianBang.Core.Maintenance;

/// <summary>保养分组: a maintenance company's team, its leader and members (accounts of the same company).</summary>
public class MaintenanceGroup
{
    public int Id { get; set; }
    public int CompanyId { get; set; }
    public required string Name { get; set; }
    public int? LeaderId { get; set; }
    public List<int> MemberIds { get; set; } = [];
}
