namespace TiLianBang.Core.Maintenance;

/// <summary>
/// One item of a visit, copied from 保养项目分类 when the order is made, so that later edits to the catalogue
/// never change what a past visit checked.
/// </summary>
public class MaintenanceOrderItem : Auditing.ICreatedWithParent
{
    public int Id { get; set; }
    public int MaintenanceOrderId { get; set; }
    public MaintenancePeriod Period { get; set; }
    public int Number { get; set; }
    public required string Name { get; set; }
    public required string Requirement { get; set; }
    public bool NeedsPhoto { get; set; }
    /// <summary>Null until the worker answers it.</summary>
    public MaintenanceItemResult? Result { get; set; }
    public string? Note { get; set; }
    public List<MaintenancePhoto> Photos { get; set; } = [];
}
