namespace TiLianBang.Core.Maintenance;

public enum MaintenanceItemResult
{
    /// <summary>正常</summary>
    Normal = 0,
    /// <summary>已修复: found wanting and put right.</summary>
    Fixed = 1,
    /// <summary>不适用: the elevator has no such part.</summary>
    NotApplicable = 2,
}
