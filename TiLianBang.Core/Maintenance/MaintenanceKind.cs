using TiLianBang.Core.Elevators;

namespace TiLianBang.Core.Maintenance;

/// <summary>The TSG T5002 appendix an elevator is maintained by.</summary>
public enum MaintenanceKind
{
    /// <summary>附件A 曳引与强制驱动电梯</summary>
    Traction = 0,
    /// <summary>附件B 液压驱动电梯</summary>
    Hydraulic = 1,
    /// <summary>附件C 杂物电梯</summary>
    Dumbwaiter = 2,
    /// <summary>附件D 自动扶梯与自动人行道</summary>
    Escalator = 3,
}

public static class MaintenanceKinds
{
    /// <summary>Which appendix applies to a 电梯品种 (explosion-proof and firefighter lifts are built on traction machines).</summary>
    public static MaintenanceKind Of(ElevatorVariety variety) => variety switch
    {
        ElevatorVariety.HydraulicPassenger or ElevatorVariety.HydraulicFreight => MaintenanceKind.Hydraulic,
        ElevatorVariety.Dumbwaiter => MaintenanceKind.Dumbwaiter,
        ElevatorVariety.Escalator or ElevatorVariety.MovingWalk => MaintenanceKind.Escalator,
        _ => MaintenanceKind.Traction,
    };
}
