namespace TiLianBang.Core.Devices.Protocol;

/// <summary>Service mode (GB/T 24476): the <c>mode</c> field.</summary>
public enum ServiceMode
{
    OutOfService = 0,
    Normal = 1,
    Inspection = 2,
    FireReturn = 3,
    Firefighter = 4,
    EmergencyPower = 5,
    Earthquake = 6,
    Unknown = 7,
}

/// <summary>Car direction: the <c>dir</c> field.</summary>
public enum CarDirection
{
    None = 0,
    Up = 1,
    Down = 2,
}

/// <summary>Door state: the <c>door</c> field.</summary>
public enum DoorState
{
    Unknown = 0,
    Closing = 1,
    Closed = 2,
    Opening = 3,
    Open = 4,
    Locked = 5,
    NotFullyClosed = 6,
}
