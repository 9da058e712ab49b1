using TiLianBang.Core.Elevators;
using TiLianBang.Core.Organizations;

namespace TiLianBang.Core.Devices;

/// <summary>A data collector (采集器) identified by its device id (usually the IMEI).</summary>
public class Device
{
    public int Id { get; set; }
    /// <summary>MQTT client id and user name: 4–64 of A-Z a-z 0-9 _ -.</summary>
    public required string DeviceId { get; set; }
    /// <summary>Salted hash of the device secret; see <see cref="DeviceSecret"/>.</summary>
    public required string SecretHash { get; set; }
    /// <summary>The company that installed and owns the collector.</summary>
    public int CompanyId { get; set; }
    public Company? Company { get; set; }
    public int? ElevatorId { get; set; }
    public Elevator? Elevator { get; set; }
    /// <summary>通道号</summary>
    public int Channel { get; set; } = 1;

    // What the collector last said about itself and where it last connected from, kept so that 设备调试 shows
    // them after a restart and for a collector that is offline now.
    public string? Imei { get; set; }
    public string? Firmware { get; set; }
    public string? Model { get; set; }
    public string? Iccid { get; set; }
    /// <summary>Signal strength (CSQ 0–31, or dBm when negative) from the last <c>info</c>.</summary>
    public int? Signal { get; set; }
    public DateTime? InfoReceivedAtUtc { get; set; }
    public DateTime? LastConnectedAtUtc { get; set; }
    public DateTime? LastDisconnectedAtUtc { get; set; }
    public string? LastRemoteEndpoint { get; set; }
    /// <summary>The server node (machine name) the collector last connected to.</summary>
    public string? LastServerNode { get; set; }
}
