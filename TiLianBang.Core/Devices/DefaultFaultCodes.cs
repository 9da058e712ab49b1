namespace TiLianBang.Core.Devices;

/// <summary>
/// The protocol's default code table. Fault code management (SYS-2) seeds from it and may rename codes and add
/// 100–999; until then an unknown code is treated as a fault, the safe side.
/// </summary>
public static class DefaultFaultCodes
{
    public static FaultKind KindOf(int code) => code switch
    {
        >= 40 and <= 47 => FaultKind.Event,
        90 => FaultKind.Alarm,
        _ => FaultKind.Fault,
    };

    /// <summary>困人: passengers trapped.</summary>
    public const int PassengersTrapped = 11;
}
