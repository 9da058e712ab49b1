using TiLianBang.Core.Elevators;
using TiLianBang.Core.Organizations;

namespace TiLianBang.Core.Monitoring;

/// <summary>监控详情 for the mini-program: the archive basics, the live state and the landing labels.</summary>
public sealed record ElevatorMonitorDetail(
    int Id,
    string Number,
    string Name,
    string? RegisterCode,
    ElevatorVariety Variety,
    string? Type,
    string? Brand,
    string? Model,
    int Floors,
    decimal RatedSpeed,
    int RatedLoad,
    MonitoredCommunity Community,
    string? MaintenanceCompany,
    string? UserUnit,
    DateOnly? NextMaintenanceDate,
    DateOnly? NextInspectionDate,
    IReadOnlyList<string> FloorLabels,
    ElevatorStatus Status,
    LiveStateView Live);

public sealed record MonitoredCommunity(int Id, string Name, string? Address, MapPosition Position);
