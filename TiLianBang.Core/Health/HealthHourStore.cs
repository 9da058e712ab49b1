using Microsoft.EntityFrameworkCore;
using TiLianBang.Core.Data;

namespace TiLianBang.Core.Health;

/// <summary>
/// Stores ended hours. An hour already stored (the process stopped within it and started again) is merged with the
/// new part: counts and sums add up, the larger 95th percentile is kept.
/// </summary>
public sealed class HealthHourStore(TiLianBangDbContext db)
{
    private const int Chunk = 500;

    public async Task SaveAsync(IReadOnlyList<ElevatorHealthHour> hours, CancellationToken cancellationToken)
    {
        // Two parts of one hour in one batch (a restart's flush and the hour's end) are merged first.
        var merged = hours.GroupBy(h => (h.ElevatorId, h.HourUtc)).Select(g => g.Aggregate(Merge)).ToList();
        foreach (var chunk in merged.Chunk(Chunk))
        {
            var elevators = chunk.Select(h => h.ElevatorId).Distinct().ToList();
            var times = chunk.Select(h => h.HourUtc).Distinct().ToList();
            var stored = await db.ElevatorHealthHours.IgnoreQueryFilters()
                .Where(h => elevators.Contains(h.ElevatorId) && times.Contains(h.HourUtc))
                .ToDictionaryAsync(h => (h.ElevatorId, h.HourUtc), cancellationToken);
            // An elevator deleted while its hour was counted has nowhere to go.
            var existing = (await db.Elevators.IgnoreQueryFilters().Where(e => elevators.Contains(e.Id)).Select(e => e.Id).ToListAsync(cancellationToken)).ToHashSet();
            foreach (var hour in chunk.Where(h => existing.Contains(h.ElevatorId)))
            {
                if (stored.TryGetValue((hour.ElevatorId, hour.HourUtc), out var row))
                {
                    db.Entry(row).CurrentValues.SetValues(Merge(row, hour));
                }
                else
                {
                    db.ElevatorHealthHours.Add(hour);
                }
            }
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
        }
    }

    private static ElevatorHealthHour Merge(ElevatorHealthHour a, ElevatorHealthHour b) => new()
    {
        ElevatorId = a.ElevatorId,
        HourUtc = a.HourUtc,
        DoorCycles = a.DoorCycles + b.DoorCycles,
        Reopenings = a.Reopenings + b.Reopenings,
        DoorOpening = TimingAccumulator.Merge(a.DoorOpening, b.DoorOpening),
        DoorDwell = TimingAccumulator.Merge(a.DoorDwell, b.DoorDwell),
        DoorClosing = TimingAccumulator.Merge(a.DoorClosing, b.DoorClosing),
        Trips = a.Trips + b.Trips,
        FloorsTravelled = a.FloorsTravelled + b.FloorsTravelled,
        TripPerFloor = TimingAccumulator.Merge(a.TripPerFloor, b.TripPerFloor),
        Stops = a.Stops + b.Stops,
        StopsOutsideZone = a.StopsOutsideZone + b.StopsOutsideZone,
        ModeChanges = a.ModeChanges + b.ModeChanges,
    };
}
