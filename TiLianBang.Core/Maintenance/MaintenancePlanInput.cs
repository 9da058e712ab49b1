namespace TiLianBang.Core.Maintenance;

/// <summary>What 计划录入 submits for one elevator.</summary>
public sealed record MaintenancePlanInput(int ElevatorId, int? GroupId, int? WorkerId, MaintenanceMode Mode, DateOnly StartDate);
