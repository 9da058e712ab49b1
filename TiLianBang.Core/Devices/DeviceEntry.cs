using TiLianBang.Core.Elevators;

namespace TiLianBang.Core.Devices;

/// <summary>What the broker needs to know about a collector at CONNECT and for each message, kept in memory.</summary>
public sealed record DeviceEntry(int Id, string DeviceId, string SecretHash, int CompanyId, int? ElevatorId, int Channel, FloorMap FloorMap);
