using TiLianBang.Core.Devices.Recording;

namespace TiLianBang.Core.Devices.Cluster;

/// <summary>
/// A node heard from a device (or decided it went offline): the other nodes keep its online flag, last-seen time
/// and heartbeat in step, and the deciding node records a transition another node saw first.
/// </summary>
public sealed record DeviceSeen(string DeviceId, bool Online, ConnectionReason Reason, int HeartbeatSeconds);
