using TiLianBang.Core.Devices;
using TiLianBang.Core.FaultCodes;

namespace TiLianBang.Core.Repairs;

/// <summary>
/// 故障详情 of a repair order (§6.2.6.3 5): the fault as the fault code table names it, with its 处理建议, and the
/// events the elevator's collector recorded around it.
/// </summary>
public sealed record RepairFaultDetails(
    int OrderId,
    string Number,
    int ElevatorId,
    string ElevatorNumber,
    string ElevatorName,
    RepairOrderSource Source,
    int? FaultCode,
    string? FaultName,
    FaultSeverity? Severity,
    string? Advice,
    bool PassengersTrapped,
    string Description,
    int Occurrences,
    DateTimeOffset CreatedAt,
    DateTimeOffset? FaultClearedAt,
    DateTimeOffset EventsFrom,
    DateTimeOffset EventsTo,
    IReadOnlyList<RepairFaultEvent> Events);

/// <summary>One event the collector reported (raised or cleared), with the fault code's name.</summary>
public sealed record RepairFaultEvent(
    long Id,
    string DeviceId,
    int Code,
    string Name,
    FaultKind Kind,
    bool Raised,
    int? Floor,
    string? DetailJson,
    DateTimeOffset ReceivedAt,
    DateTimeOffset? DeviceTime);
