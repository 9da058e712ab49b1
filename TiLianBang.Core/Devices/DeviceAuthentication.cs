namespace TiLianBang.Core.Devices;

public enum DeviceAuthentication
{
    Accepted,
    UnknownDevice,
    WrongSecret,
    /// <summary>ClientId differs from the user name, or the id breaks the id rules.</summary>
    BadIdentity,
}
