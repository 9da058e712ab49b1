namespace TiLianBang.Core.Devices.Commands;

/// <summary>Configuration section <c>Devices:Commands</c>.</summary>
public sealed class DeviceCommandOptions
{
    /// <summary>How long to wait for a device's reply (PROTOCOL.md: configurable, default 10 s).</summary>
    public TimeSpan ReplyTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
