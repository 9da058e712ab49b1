using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TiLianBang.Core.Data;
using TiLianBang.Core.Repairs;

namespace TiLianBang.Core.Statistics;

/// <summary>
/// The one rule for rescue performance (REP-6 arrival limits), shared by the wall screen, the home dashboard and
/// the statistics pages: an order is on time when a worker signed in on site no later than its arrival limit after
/// the alarm. The limit depends on the community's region (<see cref="RepairOptions.ArrivalLimitFor"/>).
/// </summary>
public sealed class RescuePerformance(TiLianBangDbContext db, IOptions<RepairOptions> options, TimeProvider clock)
{
    /// <summary>On time: signed in at most <paramref name="limitMinutes"/> after the alarm (exactly at the limit counts).</summary>
    public static bool IsWithinLimit(DateTime createdAtUtc, DateTime signedInAtUtc, int limitMinutes) =>
        signedInAtUtc - createdAtUtc <= TimeSpan.FromMinutes(limitMinutes);

    /// <summary>
    /// The period's figures. The limit depends on each order's region, which SQL cannot look up in the options, so
    /// the database narrows to the period's trapped orders and returns only their two times and region; trapped
    /// orders are rare (a handful a day over thousands of elevators), so that stays small for a year.
    /// </summary>
    public async Task<RescuePerformanceFigures> ForAsync(StatisticsPeriod period, CancellationToken cancellationToken)
    {
        var (fromUtc, toUtc) = period.UtcRange(clock);
        var now = clock.GetUtcNow().UtcDateTime;
        var orders = await db.RepairOrders.AsNoTracking()
            .Where(o => o.PassengersTrapped && o.State != RepairOrderState.Cancelled && o.CreatedAtUtc >= fromUtc && o.CreatedAtUtc < toUtc)
            .Select(o => new { o.CreatedAtUtc, o.SignedInAtUtc, o.Elevator!.Community!.Region })
            .ToListAsync(cancellationToken);
        var limits = options.Value;
        int within = 0, late = 0, waiting = 0;
        double arrivalMinutes = 0;
        var limitsSeen = new Dictionary<int, int>();
        foreach (var order in orders)
        {
            var limit = limits.ArrivalLimitFor(order.Region);
            limitsSeen[limit] = limitsSeen.GetValueOrDefault(limit) + 1;
            if (order.SignedInAtUtc is { } signedIn)
            {
                arrivalMinutes += (signedIn - order.CreatedAtUtc).TotalMinutes;
                if (IsWithinLimit(order.CreatedAtUtc, signedIn, limit))
                {
                    within++;
                }
                else
                {
                    late++;
                }
            }
            else if (IsWithinLimit(order.CreatedAtUtc, now, limit))
            {
                waiting++;
            }
            else
            {
                late++;
            }
        }
        var arrived = orders.Count(o => o.SignedInAtUtc is not null);
        var usualLimit = limitsSeen.Count == 0 ? limits.CityArrivalLimitMinutes : limitsSeen.MaxBy(l => l.Value).Key;
        return new RescuePerformanceFigures(
            orders.Count, within, late, waiting,
            within + late == 0 ? null : (double)within / (within + late),
            arrived == 0 ? null : arrivalMinutes / arrived,
            usualLimit);
    }
}
