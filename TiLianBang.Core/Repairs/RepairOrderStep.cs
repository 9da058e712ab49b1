namespace TiLianBang.Core.Repairs;

/// <summary>One entry of an order's timeline: who did what, when and where (REP-2).</summary>
public class RepairOrderStep
{
    public long Id { get; set; }
    public int RepairOrderId { get; set; }
    /// <summary>Null for what the platform itself recorded (creation from a device, a repeated fault).</summary>
    public RepairAction? Action { get; set; }
    public RepairOrderState State { get; set; }
    public int? AccountId { get; set; }
    public string? UserName { get; set; }
    public DateTime AtUtc { get; set; }
    public double? Latitude { get; set; }
    public double? Longitude { get; set; }
    public string? Note { get; set; }
}
