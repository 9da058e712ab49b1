namespace TiLianBang.Core.Repairs;

/// <summary>One row of 急修任务.</summary>
public sealed record RepairOrderSummary(
    int Id,
    string Number,
    int ElevatorId,
    string ElevatorNumber,
    string ElevatorName,
    string CommunityName,
    RepairOrderState State,
    bool PassengersTrapped,
    int? FaultCode,
    string Description,
    int Occurrences,
    int? AssignedWorkerId,
    DateTime CreatedAtUtc,
    DateTime? AcceptedAtUtc,
    DateTime? SignedInAtUtc,
    int ArrivalLimitMinutes,
    DateTime? FaultClearedAtUtc = null)
{
    /// <summary>The device reported the fault gone while the order is still open: a stale alarm, likely to be closed.</summary>
    public bool IsCleared => FaultClearedAtUtc is not null && RepairOrderStateMachine.IsOpen(State);

    /// <summary>REP-6: trapped passengers and nobody on site within the limit.</summary>
    public bool IsOverdue(DateTime nowUtc) =>
        PassengersTrapped && (SignedInAtUtc ?? nowUtc) - CreatedAtUtc > TimeSpan.FromMinutes(ArrivalLimitMinutes)
        && State is not (RepairOrderState.Cancelled);
}
