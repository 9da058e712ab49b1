namespace TiLianBang.Core.Statistics;

/// <summary>
/// 维保工作统计 for one worker over a period. Visits count on the local day they were submitted (a visit is done
/// when the worker submits it); <see cref="OverdueOpen"/> is as of today, whatever the period.
/// </summary>
/// <param name="Done">Visits submitted in the period (待确认 or 已确认 now).</param>
/// <param name="OnTime">Of those, submitted on or before their due day.</param>
/// <param name="Late">Of those, submitted after their due day (the TSG T5002 15-day limit is the due day).</param>
/// <param name="AverageMinutesOnSite">Sign-in to submission, averaged over the done visits that were signed in.</param>
/// <param name="OverdueOpen">Visits assigned to the worker, due before today and not submitted (超期).</param>
/// <param name="Repairs">Repair orders assigned to the worker and raised in the period, cancelled ones left out.</param>
/// <param name="AverageArrivalMinutes">Alarm (order created) to the worker's sign-in on site, the REP-6 arrival time, over those repairs.</param>
public sealed record WorkerWork(
    int WorkerId, string WorkerName, int Done, int OnTime, int Late, double? AverageMinutesOnSite, int OverdueOpen,
    int Repairs, double? AverageArrivalMinutes);

/// <summary>The filters of 维保工作统计: the period and part of a worker's name.</summary>
public sealed record WorkerWorkFilter(StatisticsPeriod Period, string? WorkerName = null);

/// <summary>Which of a worker's visits the drill-down shows; none = every visit of the period.</summary>
public enum WorkerVisitFilter
{
    /// <summary>Not submitted yet, due in the period.</summary>
    Open,
    /// <summary>Submitted in the period.</summary>
    Done,
    OnTime,
    Late,
    /// <summary>超期 as of today, whatever the period.</summary>
    Overdue,
    Assigned,
    SignedIn,
    Submitted,
    Confirmed,
}

/// <summary>One visit of a worker's drill-down.</summary>
public sealed record WorkerVisit(
    int Id, string Number, int ElevatorId, string ElevatorNumber, string ElevatorName, string Community,
    Maintenance.MaintenancePeriod Period, DateOnly DueOn, Maintenance.MaintenanceOrderState State,
    DateTime? SignedInAtUtc, DateTime? SubmittedAtUtc, bool Late, bool Overdue, double? MinutesOnSite);

/// <summary>A worker the caller may see, for the drill-down's header.</summary>
public sealed record WorkerIdentity(int Id, string Name, string? Company);
