namespace TiLianBang.Core.Maintenance;

/// <summary>保养项目: one thing to check at a visit, with its requirement (TSG T5002 or a company's own).</summary>
public class MaintenanceItem
{
    public int Id { get; set; }
    public MaintenanceKind Kind { get; set; }
    public MaintenancePeriod Period { get; set; }
    /// <summary>Its number in the regulation's table (or after it, for company items).</summary>
    public int Number { get; set; }
    public required string Name { get; set; }
    public required string Requirement { get; set; }
    /// <summary>Null for the regulation's items; a company's own additions carry its id.</summary>
    public int? CompanyId { get; set; }

    /// <summary>Items whose requirement is a test or trial (试验/测试) need a photo when done.</summary>
    public bool NeedsPhoto => Requirement.Contains("试验", StringComparison.Ordinal) || Requirement.Contains("测试", StringComparison.Ordinal)
        || Name.Contains("试验", StringComparison.Ordinal) || Name.Contains("测试", StringComparison.Ordinal);
}
