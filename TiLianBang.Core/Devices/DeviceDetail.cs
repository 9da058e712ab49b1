using TiLianBang.Core.Devices.LiveState;
using TiLianBang.Core.Devices.Pipeline;
using TiLianBang.Core.Devices.Protocol;
using TiLianBang.Core.Monitoring;

namespace TiLianBang.Core.Devices;

/// <summary>
/// 设备调试 (DEV-5, mini-program §6.2.10) for one collector: its binding, its connection (设备连接), the bound
/// elevator's current data (当前数据), its traffic counters and its latest raw messages with the reason each bad one
/// was refused.
/// </summary>
public sealed record DeviceDetail(
    string DeviceId,
    string? Imei,
    int Channel,
    DeviceElevator? Elevator,
    DeviceConnection Connection,
    DeviceCurrentData? Current,
    DeviceCounters Counters,
    IReadOnlyList<RawMessage> LatestMessages);

/// <summary>The elevator a collector is bound to.</summary>
public sealed record DeviceElevator(int Id, string Number, string Name, string CommunityName);

/// <summary>
/// Whether and where the collector is connected. Live from this node while it is connected; otherwise what was
/// stored at its last connection and <c>info</c> (kept across restarts).
/// </summary>
public sealed record DeviceConnection(
    bool Online,
    bool Connected,
    bool ListensForCommands,
    DateTimeOffset? Since,
    string? ServerNode,
    string? RemoteAddress,
    DateTimeOffset? LastSeen,
    DateTimeOffset? LastConnectedAt,
    DateTimeOffset? LastDisconnectedAt,
    string? Firmware,
    string? Model,
    string? Iccid,
    int? Signal,
    DateTimeOffset? InfoReceivedAt,
    int HeartbeatSeconds);

/// <summary>
/// The bound elevator's latest state (the same view as 监控详情's <c>live</c> and the live socket's frames) and the
/// IO and counters its collector last reported.
/// </summary>
public sealed record DeviceCurrentData(
    LiveStateView Live,
    IReadOnlyList<bool> Inputs,
    IReadOnlyList<bool> Outputs,
    DateTimeOffset? IoAt,
    RunCounters? Counters)
{
    public static DeviceCurrentData From(ElevatorLiveState s, LiveStateView live) => new(live, s.Inputs, s.Outputs, s.IoAt, s.Counters);
}

/// <summary>
/// Messages taken, messages rejected (bad payloads) and publishes or subscriptions refused (not its topics); under
/// overload: states superseded by a newer one before the live view showed them, QoS 0 messages dropped and QoS 1
/// messages delayed because the collector was over its budget (Mqtt:DeviceBudget).
/// </summary>
public sealed record DeviceCounters(long Accepted, long Rejected, long Refused, long Superseded = 0, long OverBudgetDropped = 0, long OverBudgetDelayed = 0);
