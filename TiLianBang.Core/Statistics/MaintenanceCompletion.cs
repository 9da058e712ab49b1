using Microsoft.EntityFrameworkCore;
using TiLianBang.Core.Common;
using TiLianBang.Core.Data;
using TiLianBang.Core.Maintenance;

namespace TiLianBang.Core.Statistics;

/// <summary>维保完成率: of the visits due in a month, how many are done (submitted or confirmed).</summary>
public sealed record MaintenanceCompletionFigures(int Due, int Done, double? Rate);

public sealed class MaintenanceCompletion(TiLianBangDbContext db, TimeProvider clock)
{
    /// <summary>The visits due from the first to the last day of the current (local) month.</summary>
    public Task<MaintenanceCompletionFigures> ThisMonthAsync(CancellationToken cancellationToken)
    {
        var today = clock.Today();
        var first = new DateOnly(today.Year, today.Month, 1);
        return ForAsync(new StatisticsPeriod(first, first.AddMonths(1).AddDays(-1)), cancellationToken);
    }

    /// <summary>Visits whose due day lies in the period; done means submitted (待确认) or confirmed.</summary>
    public async Task<MaintenanceCompletionFigures> ForAsync(StatisticsPeriod period, CancellationToken cancellationToken)
    {
        var counts = await db.MaintenanceOrders.AsNoTracking()
            .Where(o => o.DueOn >= period.From && o.DueOn <= period.To)
            .GroupBy(_ => 1)
            .Select(g => new { Due = g.Count(), Done = g.Count(o => o.State >= MaintenanceOrderState.Submitted) })
            .SingleOrDefaultAsync(cancellationToken);
        var due = counts?.Due ?? 0;
        var done = counts?.Done ?? 0;
        return new MaintenanceCompletionFigures(due, done, due == 0 ? null : (double)done / due);
    }
}
