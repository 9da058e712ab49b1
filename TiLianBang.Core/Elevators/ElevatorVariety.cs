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

public static class ElevatorVarieties
{
    /// <summary>The catalogue's names, in its order.</summary>
    public static readonly IReadOnlyDictionary<ElevatorVariety, string> Names = new Dictionary<ElevatorVariety, string>
    {
        [ElevatorVariety.TractionPassenger] = "曳引驱动乘客电梯",
        [ElevatorVariety.TractionFreight] = "曳引驱动载货电梯",
        [ElevatorVariety.PositiveDriveFreight] = "强制驱动载货电梯",
        [ElevatorVariety.HydraulicPassenger] = "液压乘客电梯",
        [ElevatorVariety.HydraulicFreight] = "液压载货电梯",
        [ElevatorVariety.Escalator] = "自动扶梯",
        [ElevatorVariety.MovingWalk] = "自动人行道",
        [ElevatorVariety.ExplosionProof] = "防爆电梯",
        [ElevatorVariety.Firefighter] = "消防员电梯",
        [ElevatorVariety.Dumbwaiter] = "杂物电梯",
    };

    public static string NameOf(ElevatorVariety variety) => Names.GetValueOrDefault(variety, ((int)variety).ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>A variety from its name or its 4-digit code, as people write it in a spreadsheet.</summary>
    public static ElevatorVariety? Parse(string? text)
    {
        var t = text?.Trim();
        if (string.IsNullOrEmpty(t))
        {
            return null;
        }
        foreach (var (variety, name) in Names)
        {
            if (name == t || ((int)variety).ToString(System.Globalization.CultureInfo.InvariantCulture) == t)
            {
                return variety;
            }
        }
        return null;
    }
}
