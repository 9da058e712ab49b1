namespace TiLianBang.Core.Maintenance;

public sealed record MaintenanceOrderSummary(
    int Id, string Number, int ElevatorId, string ElevatorNumber, string ElevatorName, string Community,
    MaintenanceMode Mode, MaintenancePeriod Period, DateOnly DueOn, string DueReason, MaintenanceOrderState State,
    int? WorkerId, string? WorkerName, bool Overdue, int ItemCount, int AnsweredCount,
    DateTime? SignedInAtUtc, DateTime? SubmittedAtUtc, DateTime? ConfirmedAtUtc);
