namespace TiLianBang.Core.Devices;

/// <summary>What a device event code means for the platform (PROTOCOL.md code table).</summary>
public enum FaultKind
{
    /// <summary>A fault: the elevator needs repair while raised.</summary>
    Fault,
    /// <summary>A change of state worth recording (power lost, inspection …), not a fault.</summary>
    Event,
    /// <summary>Someone pressed the alarm button.</summary>
    Alarm,
}
