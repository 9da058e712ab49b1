namespace TiLianBang.Core.Devices;

/// <summary>One collector in the 设备调试 search: which elevator and channel it serves and whether it is online.</summary>
public sealed record DeviceSummary(
    string DeviceId,
    string? Imei,
    int? ElevatorId,
    string? ElevatorNumber,
    string? ElevatorName,
    string? CommunityName,
    int Channel,
    bool Online,
    DateTimeOffset? LastSeen,
    DateTimeOffset? LastConnectedAt,
    string? Firmware,
    int? Signal);
