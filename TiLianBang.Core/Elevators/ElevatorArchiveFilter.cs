namespace TiLianBang.Core.Elevators;

/// <summary>
/// What 电梯档案管理 narrows its list to. The list, its API and its export all apply this one filter, so an export
/// holds exactly the rows the page shows, and the dashboard's expiry figures count what the filtered list shows.
/// </summary>
public sealed record ElevatorArchiveFilter(string? Search = null, ArchiveExpiry? Expiring = null)
{
    /// <summary>The lead time of the expiry filter: the expiry job's first warning (MNT-7).</summary>
    public const int WarningDays = 30;

    public IQueryable<Elevator> Apply(IQueryable<Elevator> elevators, DateOnly today)
    {
        if (!string.IsNullOrWhiteSpace(Search))
        {
            var term = Search.Trim();
            elevators = elevators.Where(e => e.Number.Contains(term) || e.Name.Contains(term) || e.Community!.Name.Contains(term));
        }
        return Expiring is { } what ? DueBy(elevators, what, today.AddDays(WarningDays)) : elevators;
    }

    /// <summary>The elevators whose inspection or maintenance contract falls due on or before the horizon.</summary>
    public static IQueryable<Elevator> DueBy(IQueryable<Elevator> elevators, ArchiveExpiry what, DateOnly horizon) => what == ArchiveExpiry.Inspection
        ? elevators.Where(e => e.NextInspectionDate != null && e.NextInspectionDate <= horizon)
        : elevators.Where(e => e.MaintenanceContractEndDate != null && e.MaintenanceContractEndDate <= horizon);
}
