namespace TiLianBang.Core.Maintenance;

/// <summary>计划录入 (MNT-1): one elevator's maintenance plan. One per elevator; entering it again overwrites it.</summary>
public class MaintenancePlan
{
    public int Id { get; set; }
    public int ElevatorId { get; set; }
    public int? GroupId { get; set; }
    /// <summary>The worker who normally does the visits; the group's leader when not named.</summary>
    public int? WorkerId { get; set; }
    public MaintenanceMode Mode { get; set; }
    /// <summary>The first visit; quarterly, half-yearly and yearly cycles count from it.</summary>
    public DateOnly StartDate { get; set; }
    public DateTime UpdatedAtUtc { get; set; }
}
