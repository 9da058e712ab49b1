using TiLianBang.Core.Devices.Pipeline;

namespace TiLianBang.Core.Devices;

/// <summary>
/// 设备调试 (DEV-5): what a field worker sees for one collector: its binding, whether and where it is connected,
/// its traffic counters and its latest raw messages.
/// </summary>
public sealed record DeviceStatus(
    string DeviceId,
    string? Imei,
    string? Firmware,
    int? ElevatorId,
    string? ElevatorNumber,
    string? ElevatorName,
    int Channel,
    bool Online,
    bool Connected,
    bool ListensForCommands,
    string Server,
    string? RemoteEndpoint,
    DateTimeOffset? LastSeen,
    long Accepted,
    long Rejected,
    long Refused,
    long Superseded,
    long OverBudgetDropped,
    long OverBudgetDelayed,
    IReadOnlyList<RawMessage> LatestMessages);
