namespace TiLianBang.Core.Repairs;

/// <summary>故障属性 (ARC-4): how a repaired fault is classified (门系统, 曳引系统 …), chosen when submitting an order.</summary>
public class FaultAttributeOption
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public string? Description { get; set; }
}
