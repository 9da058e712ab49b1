namespace TiLianBang.Core.Maintenance;

/// <summary>TSG T5002 visit periods; each later period includes the items of the earlier ones.</summary>
public enum MaintenancePeriod
{
    /// <summary>半月: at most 15 days apart.</summary>
    HalfMonthly = 0,
    /// <summary>季度</summary>
    Quarterly = 1,
    /// <summary>半年</summary>
    HalfYearly = 2,
    /// <summary>年度</summary>
    Yearly = 3,
}
