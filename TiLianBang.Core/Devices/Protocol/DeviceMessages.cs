namespace TiLianBang.Core.Devices.Protocol;

/// <summary>Registered calls by physical landing index.</summary>
public sealed record CallSet(IReadOnlyList<int> Car, IReadOnlyList<int> Up, IReadOnlyList<int> Down)
{
    public static readonly CallSet None = new([], [], []);
}

/// <summary><c>tlb/{id}/state</c>.</summary>
public sealed record StateReport(
    ServiceMode Mode,
    bool Running,
    CarDirection Direction,
    int Floor,
    DoorState Door,
    bool? InDoorZone,
    bool? PassengerInCar,
    double? LoadPercent,
    double? Speed,
    CallSet? Calls,
    long? DeviceTime,
    long? Sequence);

/// <summary><c>tlb/{id}/event</c>: a fault, event or alarm raised (1) or cleared (0).</summary>
public sealed record EventReport(string EventId, int Code, bool Raised, int? Floor, string? DetailJson, long? DeviceTime);

/// <summary><c>tlb/{id}/io</c>: input Xn / output Yn states.</summary>
public sealed record IoReport(IReadOnlyList<bool>? Inputs, IReadOnlyList<bool>? Outputs, long? DeviceTime);

/// <summary><c>tlb/{id}/stats</c>: counters cumulative since installation.</summary>
public sealed record StatsReport(long Runs, double RunHours, long DoorCycles, double? Distance, long? DeviceTime);

/// <summary><c>tlb/{id}/info</c>: firmware and modem facts, sent after each connect.</summary>
public sealed record InfoReport(string? Firmware, string? Model, string? Imei, string? Iccid, int? Signal, int? HeartbeatSeconds);

/// <summary><c>tlb/{id}/reply</c>: the answer to a command.</summary>
public sealed record CommandReply(string CommandId, bool Ok, string? DataJson, string? Error);
