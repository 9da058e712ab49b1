namespace TiLianBang.Core.Devices.Commands;

/// <summary>The <c>op</c> values of PROTOCOL.md's command table.</summary>
public static class DeviceOperation
{
    public const string ReadParams = "readParams";
    public const string Call = "call";
    public const string ReadStats = "readStats";
    public const string ReadIo = "readIo";
    public const string SetHeartbeat = "setHeartbeat";
    public const string Reboot = "reboot";

    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal)
    {
        ReadParams, Call, ReadStats, ReadIo, SetHeartbeat, Reboot,
    };
}
