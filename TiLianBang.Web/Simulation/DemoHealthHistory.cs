using Microsoft.EntityFrameworkCore;
using TiLianBang.Core.Common;
using TiLianBang.Core.Data;
using TiLianBang.Core.Health;

namespace TiLianBang.Web.Simulation;

/// <summary>
/// Demo mode only: the simulated collectors' past month as health hours, written once into a database that has none.
/// The health analytics need a baseline before they can see drift; without this the demo would show its worn doors
/// only after weeks. Each elevator's past looks like what the simulator makes now: doors of 2.5 s, and for the worn
/// ones the last day as slow and as unsteady as their wear says, so the first drift check raises their warnings. Each
/// landing's days likewise, the worn landing door's yesterday as slow as it is now.
/// </summary>
public static class DemoHealthHistory
{
    /// <summary>One simulated elevator: how it wears as a whole, and which landing's door is worn (if any).</summary>
    public sealed record Elevator(int ElevatorId, int Landings, SimulatedWear? Wear, int? WornLandingDoor, SimulatedWear Settings)
    {
        /// <summary>The simulated elevator at <paramref name="index"/> (the simulator's order), worn as <paramref name="wear"/> chooses.</summary>
        public static Elevator Of(int index, int elevatorId, int landings, SimulatedWear wear) =>
            new(elevatorId, landings, wear.Wears(index) ? wear : null, wear.WornLandingDoor(index, landings), wear);
    }

    private const double NominalDoorMs = 2_500;
    private const int Days = 31;

    public static async Task<int> SeedAsync(
        TiLianBangDbContext db, IReadOnlyList<Elevator> elevators, DateTimeOffset now, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (elevators.Count == 0 || await db.ElevatorHealthHours.IgnoreQueryFilters().AnyAsync(cancellationToken))
        {
            return 0;
        }
        var end = HourAccumulator.HourOf(now);
        var random = new Random(21);
        var rows = 0;
        var yesterday = clock.Today().AddDays(-1);
        foreach (var (elevatorId, landings, wear, wornLanding, settings) in elevators)
        {
            for (var hour = end.AddDays(-Days); hour < end; hour = hour.AddHours(1))
            {
                // China's day (UTC+8) from 6:00 to 22:00: nobody rides at night.
                var local = (hour.Hour + 8) % 24;
                if (local is < 6 or >= 22)
                {
                    continue;
                }
                var worn = wear is not null && end - hour <= TimeSpan.FromHours(30);
                db.ElevatorHealthHours.Add(Hour(elevatorId, hour, worn ? wear : null, random));
                rows++;
            }
            for (var day = yesterday.AddDays(-Days + 1); day <= yesterday; day = day.AddDays(1))
            {
                for (var landing = 1; landing <= Math.Max(2, landings); landing++)
                {
                    var slow = day != yesterday ? 0
                        : wear is not null ? wear.DoorSlowdownAtStart
                        : landing == wornLanding ? settings.LandingDoorSlowdown
                        : 0;
                    db.ElevatorLandingDays.Add(LandingDay(elevatorId, day, landing, slow, random));
                    rows++;
                }
            }
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
        }
        return rows;
    }

    private static ElevatorHealthHour Hour(int elevatorId, DateTime hour, SimulatedWear? wear, Random random)
    {
        var cycles = 15 + random.Next(25);
        var stops = cycles;
        var slow = 1 + (wear?.DoorSlowdownAtStart ?? 0);
        return new ElevatorHealthHour
        {
            ElevatorId = elevatorId,
            HourUtc = hour,
            DoorCycles = cycles,
            Reopenings = wear is null ? (random.NextDouble() < 0.1 ? 1 : 0) : (int)Math.Round(cycles * wear.ReopenChance),
            DoorOpening = Timing(cycles, NominalDoorMs * slow, random),
            DoorDwell = Timing(cycles, SimulatedElevator.DoorDwell.TotalMilliseconds, random),
            DoorClosing = Timing(cycles, NominalDoorMs * slow, random),
            Trips = stops,
            FloorsTravelled = stops * 3,
            TripPerFloor = Timing(stops, 2_000, random),
            Stops = stops,
            StopsOutsideZone = wear is null ? 0 : (int)Math.Round(stops * wear.OutsideZoneStopChance),
        };
    }

    /// <summary>A landing's day: 20–40 door cycles and stops, doors of 2.5 s made <paramref name="slow"/> slower.</summary>
    private static ElevatorLandingDay LandingDay(int elevatorId, DateOnly day, int landing, double slow, Random random)
    {
        var cycles = 20 + random.Next(21);
        var opening = Timing(cycles, NominalDoorMs * (1 + slow), random);
        var closing = Timing(cycles, NominalDoorMs * (1 + slow), random);
        return new ElevatorLandingDay
        {
            ElevatorId = elevatorId, Day = day, Landing = landing, DoorCycles = cycles,
            OpeningCount = cycles, OpeningSumMs = opening.SumMs, ClosingCount = cycles, ClosingSumMs = closing.SumMs, Stops = cycles,
        };
    }

    /// <summary>A few percent of spread around the mean, as a real door has.</summary>
    private static HealthTiming Timing(int count, double meanMs, Random random)
    {
        var mean = meanMs * (0.97 + 0.06 * random.NextDouble());
        return new HealthTiming { Count = count, SumMs = (long)Math.Round(mean * count), P95Ms = (int)Math.Round(mean * 1.08) };
    }
}
