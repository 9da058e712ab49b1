using TiLianBang.Core.Maintenance;

namespace TiLianBang.Core.Monitoring;

/// <summary>维保记录: one maintenance order of the elevator.</summary>
public sealed record ElevatorMaintenanceRecord(
    int Id, string Number, MaintenanceMode Mode, MaintenancePeriod Period, DateOnly DueOn, MaintenanceOrderState State,
    string? WorkerName, bool Overdue, DateTimeOffset? SignedInAt, DateTimeOffset? SubmittedAt, DateTimeOffset? ConfirmedAt);
