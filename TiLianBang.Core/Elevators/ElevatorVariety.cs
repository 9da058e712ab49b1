namespace TiLianBang.Core.Elevators;

/// <summary>
/// 电梯品种 per 《特种设备目录》(2014): the enum value is the 4-digit catalogue code, so it can be stored and
/// exchanged as the regulator writes it.
/// </summary>
public enum ElevatorVariety
{
    /// <summary>曳引驱动乘客电梯</summary>
    TractionPassenger = 3110,
    /// <summary>曳引驱动载货电梯</summary>
    TractionFreight = 3120,
    /// <summary>强制驱动载货电梯</summary>
    PositiveDriveFreight = 3130,
    /// <summary>液压乘客电梯</summary>
    HydraulicPassenger = 3210,
    /// <summary>液压载货电梯</summary>
    HydraulicFreight = 3220,
    /// <summary>自动扶梯</summary>
    Escalator = 3310,
    /// <summary>自动人行道</summary>
    MovingWalk = 3320,
    /// <summary>防爆电梯</summary>
    ExplosionProof = 3410,
    /// <summary>消防员电梯</summary>
    Firefighter = 3420,
    /// <summary>杂物电梯</summary>
    Dumbwaiter = 3430,
}
