using TiLianBang.Core.Devices.Protocol;

namespace TiLianBang.Core.Devices.Pipeline;

/// <summary>A QoS 0 state taken from the socket and waiting to be applied to the live view (newest wins).</summary>
internal sealed record PendingState(DeviceEntry Device, int ElevatorId, StateReport Report, DateTimeOffset ReceivedAt);
