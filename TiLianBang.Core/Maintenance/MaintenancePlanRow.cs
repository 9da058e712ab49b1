namespace TiLianBang.Core.Maintenance;

/// <summary>One elevator in 计划录入: its plan if it has one, and whether on-demand maintenance is possible (a collector is bound).</summary>
public sealed record MaintenancePlanRow(
    int ElevatorId, string ElevatorNumber, string ElevatorName, string Community, int? MaintenanceCompanyId, string? MaintenanceCompany, bool Monitored,
    int? PlanId, MaintenanceMode? Mode, DateOnly? StartDate, int? GroupId, string? GroupName, int? WorkerId, string? WorkerName);
