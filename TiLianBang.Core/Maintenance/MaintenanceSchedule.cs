namespace TiLianBang.Core.Maintenance;

/// <summary>
/// The TSG T5002 calendar of a plan (MNT-3). Half-monthly visits fall every 15 days from the plan's start; the
/// quarterly, half-yearly and yearly cycles end every 3, 6 and 12 months after it. Each cycle end is served by the
/// last visit before it: a visit takes the highest period whose cycle ends before the next visit could come.
/// So no cycle is ever exceeded, and every cycle end is served exactly once.
/// </summary>
public static class MaintenanceSchedule
{
    public const int HalfMonthlyDays = 15;

    /// <summary>The due date of fixed-cycle slot <paramref name="index"/> (0 = the plan's start).</summary>
    public static DateOnly SlotDue(DateOnly start, int index) => start.AddDays(HalfMonthlyDays * index);

    /// <summary>The first slot due on or after <paramref name="day"/>.</summary>
    public static int FirstSlotFrom(DateOnly start, DateOnly day) =>
        day <= start ? 0 : (day.DayNumber - start.DayNumber + HalfMonthlyDays - 1) / HalfMonthlyDays;

    /// <summary>
    /// The period of a visit due on <paramref name="due"/> when the next may come at most <paramref name="intervalDays"/>
    /// later: the highest cycle ending in (previous + interval, due + interval]. For the first visit the window
    /// starts at its own due date.
    /// </summary>
    public static MaintenancePeriod PeriodOf(DateOnly start, DateOnly? previousDue, DateOnly due, int intervalDays)
    {
        var from = previousDue is { } p ? p.AddDays(intervalDays) : due;
        var to = due.AddDays(intervalDays);
        var period = MaintenancePeriod.HalfMonthly;
        for (var months = 3; ; months += 3)
        {
            var end = start.AddMonths(months);
            if (end > to)
            {
                return period;
            }
            if (end > from)
            {
                var ending = months % 12 == 0 ? MaintenancePeriod.Yearly : months % 6 == 0 ? MaintenancePeriod.HalfYearly : MaintenancePeriod.Quarterly;
                period = ending > period ? ending : period;
            }
        }
    }

    public static string PeriodName(MaintenancePeriod period) => period switch
    {
        MaintenancePeriod.Quarterly => "季度",
        MaintenancePeriod.HalfYearly => "半年",
        MaintenancePeriod.Yearly => "年度",
        _ => "半月",
    };
}
