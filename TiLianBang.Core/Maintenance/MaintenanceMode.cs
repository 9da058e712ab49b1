namespace TiLianBang.Core.Maintenance;

public enum MaintenanceMode
{
    /// <summary>按周期: TSG T5002's fixed cycle, a visit at most every 15 days.</summary>
    FixedCycle = 0,
    /// <summary>按需维保 (SAMR 2020 No.56): the next visit follows usage and faults, within a maximum interval.</summary>
    OnDemand = 1,
}
