using Microsoft.EntityFrameworkCore;
using TiLianBang.Core.Data;

namespace TiLianBang.Core.Health;

/// <summary>
/// Stores ended hours. An hour already stored (the process stopped within it and started again) is merged with the
/// new part: counts and sums add up, the larger 95th percentile is kept. Each hour's landing counts are added to their
/// day's rows in the same transaction, so that an hour stored is counted in its landings' days exactly once.
/// </summary>
public sealed class HealthHourStore(TiLianBangDbContext db)
{
    /// <summary>Hours stored in one transaction at most: the recorder hands them over in parts of this size.</summary>
    public const int Chunk = 500;

    /// <summary>Stores one part (at most <see cref="Chunk"/> hours) in one transaction: all of it, or none.</summary>
    public async Task SaveAsync(IReadOnlyList<EndedHour> ended, CancellationToken cancellationToken)
    {
        // Two parts of one hour in one batch (a restart's flush and the hour's end) are merged first.
        var chunk = ended.GroupBy(h => (h.Hour.ElevatorId, h.Hour.HourUtc)).Select(g => g.Select(h => h.Hour).Aggregate(Merge)).ToList();
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
        await AddLandingsAsync([.. ended.SelectMany(h => h.Landings).Where(l => existing.Contains(l.ElevatorId))], elevators, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
    }

    private async Task AddLandingsAsync(List<ElevatorLandingDay> landings, List<int> elevators, CancellationToken cancellationToken)
    {
        if (landings.Count == 0)
        {
            return;
        }
        var days = landings.Select(l => l.Day).Distinct().ToList();
        var stored = await db.ElevatorLandingDays.IgnoreQueryFilters()
            .Where(d => elevators.Contains(d.ElevatorId) && days.Contains(d.Day))
            .ToDictionaryAsync(d => (d.ElevatorId, d.Day, d.Landing), cancellationToken);
        foreach (var landing in landings)
        {
            if (stored.TryGetValue((landing.ElevatorId, landing.Day, landing.Landing), out var row))
            {
                row.Add(landing);
            }
            else
            {
                var added = new ElevatorLandingDay { ElevatorId = landing.ElevatorId, Day = landing.Day, Landing = landing.Landing };
                added.Add(landing);
                db.ElevatorLandingDays.Add(added);
                stored.Add((added.ElevatorId, added.Day, added.Landing), added);
            }
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
