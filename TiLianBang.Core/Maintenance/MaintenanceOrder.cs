using System.Linq.Expressions;

namespace TiLianBang.Core.Maintenance;

/// <summary>保养工单: one maintenance visit of one elevator, with the items its period requires.</summary>
public class MaintenanceOrder
{
    public int Id { get; set; }
    /// <summary>Shown to people, e.g. BY202611260001.</summary>
    public required string Number { get; set; }
    public int ElevatorId { get; set; }
    public Elevators.Elevator? Elevator { get; set; }
    /// <summary>
    /// What makes the visit unique for its elevator, so that generation never creates it twice: the due date of
    /// a fixed-cycle slot ("2026-12-10"), or the sequence of an on-demand visit ("D3").
    /// </summary>
    public required string ScheduleKey { get; set; }
    public MaintenanceMode Mode { get; set; }
    public MaintenancePeriod Period { get; set; }
    public DateOnly DueOn { get; set; }
    /// <summary>Why it is due then, e.g. "上次保养后已运行 28,000 次".</summary>
    public required string DueReason { get; set; }
    public MaintenanceOrderState State { get; set; }
    public int? WorkerId { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public DateTime? AssignedAtUtc { get; set; }
    public DateTime? SignedInAtUtc { get; set; }
    public double? SignInLatitude { get; set; }
    public double? SignInLongitude { get; set; }
    public DateTime? SubmittedAtUtc { get; set; }
    /// <summary>The worker's remarks on the visit as a whole.</summary>
    public string? Notes { get; set; }
    public DateTime? ConfirmedAtUtc { get; set; }
    public int? ConfirmedById { get; set; }
    public string? ConfirmedByName { get; set; }
    public string? ConfirmationNote { get; set; }
    public List<MaintenanceOrderItem> Items { get; set; } = [];

    public bool IsDone => State >= MaintenanceOrderState.Submitted;

    /// <summary>超期: past its due date and not yet submitted.</summary>
    public bool IsOverdue(DateOnly today) => Overdue(State, DueOn, today);

    public static bool Overdue(MaintenanceOrderState state, DateOnly dueOn, DateOnly today) => state < MaintenanceOrderState.Submitted && dueOn < today;

    /// <summary>The same rule for queries (EF Core cannot translate the method).</summary>
    public static Expression<Func<MaintenanceOrder, bool>> OverdueOn(DateOnly today) => o => o.State < MaintenanceOrderState.Submitted && o.DueOn < today;
}
