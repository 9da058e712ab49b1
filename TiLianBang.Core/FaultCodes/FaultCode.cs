using TiLianBang.Core.Devices;

namespace TiLianBang.Core.FaultCodes;

/// <summary>故障代码管理 (SYS-2): what a device event code means and what the platform does about it.</summary>
public class FaultCode
{
    /// <summary>The protocol's code, 1–999; 1–99 are the protocol's own, 100–999 are added by administrators.</summary>
    public int Code { get; set; }
    public required string Name { get; set; }
    public FaultKind Kind { get; set; }
    public FaultSeverity Severity { get; set; }
    public bool CreatesOrder { get; set; }
    public bool PassengersTrapped { get; set; }
    /// <summary>处理建议 shown to the worker.</summary>
    public string? Advice { get; set; }
}
