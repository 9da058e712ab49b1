using TiLianBang.Core.Organizations;

namespace TiLianBang.Core.Settings;

/// <summary>系统配置 (SYS-1): the installation's working rules, one row, edited by administrators.</summary>
public class SystemSettings
{
    public const int SingletonId = 1;

    public int Id { get; set; } = SingletonId;

    /// <summary>How close to the community a worker must be to accept an alarm and to sign in (repairs and maintenance).</summary>
    public double GeofenceRadiusMeters { get; set; } = Geofence.DefaultRadiusMeters;

    /// <summary>预警提前天数: warnings before an inspection or contract date, one message per threshold, e.g. 30 and 7.</summary>
    public List<int> WarningLeadDays { get; set; } = [30, 7];

    /// <summary>
    /// 5级上报 defaults for elevators whose archive sets no levels: minutes without acceptance before the workers,
    /// team leader, company duty, user unit and supervisor are told.
    /// </summary>
    public List<int> EscalationDefaultMinutes { get; set; } = [0, 5, 10, 15, 30];

    /// <summary>How far ahead 计划审核 sees generated maintenance orders.</summary>
    public int GenerationHorizonDays { get; set; } = 30;

    /// <summary>按需维保: the longest an on-demand elevator may go without a visit.</summary>
    public int OnDemandMaxIntervalDays { get; set; } = 30;

    /// <summary>按需维保: runs since the last visit that make a visit due.</summary>
    public long OnDemandRunsThreshold { get; set; } = 8000;

    /// <summary>按需维保: running hours since the last visit that make a visit due.</summary>
    public double OnDemandRunHoursThreshold { get; set; } = 120;

    /// <summary>按需维保: faults since the last visit that make a visit due at once.</summary>
    public int OnDemandFaultThreshold { get; set; } = 3;
}
