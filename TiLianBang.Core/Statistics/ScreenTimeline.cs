using Microsoft.EntityFrameworkCore;
using TiLianBang.Core.Common;
using TiLianBang.Core.Data;
using TiLianBang.Core.Repairs;

namespace TiLianBang.Core.Statistics;

/// <summary>One fault or trapped-passenger rescue of today on the wall screen's timeline.</summary>
public sealed record TimelineEntry(
    int OrderId,
    string Number,
    DateTime CreatedAtUtc,
    bool PassengersTrapped,
    string ElevatorNumber,
    string CommunityName,
    string Description,
    RepairOrderState State,
    DateTime? SignedInAtUtc);

/// <summary>Today's figures and latest entries: faults (every repair order raised today) and rescues among them.</summary>
public sealed record TodayTimeline(int Faults, int Rescues, IReadOnlyList<TimelineEntry> Latest);

/// <summary>
/// Today's repair orders for the wall screen: "today" is the local calendar day (China time), so an alarm at 00:10
/// belongs to the new day although it is the previous day in UTC.
/// </summary>
public sealed class ScreenTimeline(TiLianBangDbContext db, TimeProvider clock)
{
    /// <summary>How many entries the timeline keeps: what fits the screen; the counts cover the whole day.</summary>
    public const int MaxEntries = 30;

    public async Task<TodayTimeline> TodayAsync(CancellationToken cancellationToken)
    {
        var today = clock.Today();
        var (fromUtc, toUtc) = new StatisticsPeriod(today, today).UtcRange(clock);
        var orders = db.RepairOrders.AsNoTracking().Where(o => o.CreatedAtUtc >= fromUtc && o.CreatedAtUtc < toUtc);
        var counts = await orders
            .GroupBy(_ => 1)
            .Select(g => new { Faults = g.Count(), Rescues = g.Count(o => o.PassengersTrapped) })
            .SingleOrDefaultAsync(cancellationToken);
        var latest = await orders
            .OrderByDescending(o => o.CreatedAtUtc).ThenByDescending(o => o.Id)
            .Take(MaxEntries)
            .Select(o => new TimelineEntry(o.Id, o.Number, o.CreatedAtUtc, o.PassengersTrapped, o.Elevator!.Number, o.Elevator.Community!.Name,
                o.Description, o.State, o.SignedInAtUtc))
            .ToListAsync(cancellationToken);
        return new TodayTimeline(counts?.Faults ?? 0, counts?.Rescues ?? 0, latest);
    }
}
