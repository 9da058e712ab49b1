namespace TiLianBang.Core.Statistics;

/// <summary>
/// The home dashboard's figures that are read from the database (the live status counts and open alarms come from
/// their own feeds). A null group is one the person has no permission for: its card is not shown.
/// </summary>
public sealed record DashboardFigures(
    RepairStateCounts? Repairs,
    MaintenanceDueCounts? Maintenance,
    ArchiveExpiryCounts? Archive,
    CertificateExpiryCounts? Certificates,
    bool MineOnly);

/// <summary>Repair orders still in work, by state (closed and cancelled ones are history, not work).</summary>
public sealed record RepairStateCounts(int Created, int Accepted, int SignedIn, int Processing, int Submitted, int Approved)
{
    public int Open => Created + Accepted + SignedIn + Processing;
}

/// <summary>Maintenance visits due today (any state) and overdue from the last seven days (not yet submitted).</summary>
public sealed record MaintenanceDueCounts(int DueToday, int OverdueThisWeek, DateOnly Today, DateOnly WeekFrom);

/// <summary>Elevators whose annual inspection or maintenance contract falls due within the warning days (or has passed).</summary>
public sealed record ArchiveExpiryCounts(int Inspections, int Contracts, int WithinDays);

/// <summary>Operator certificates (特种设备作业人员证) expired, and expiring within the warning days.</summary>
public sealed record CertificateExpiryCounts(int Expired, int Expiring, int WithinDays);
