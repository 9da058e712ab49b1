using System.Globalization;
using TiLianBang.Core.Devices.Protocol;

namespace TiLianBang.Tests.Health;

/// <summary>
/// A recorded state sequence of one elevator (device time in ms from the start) with the metrics it must give:
/// two door cycles (one with a re-opening), an up trip stopping in the door zone, a down trip stopping outside it,
/// and a visit to inspection mode and back.
/// </summary>
public static class RecordedStates
{
    public sealed record Sample(long Ms, int Mode, int Run, int Floor, int Door, int Zone, int People);

    public static readonly Sample[] DoorsAndTrips =
    [
        new(0, 1, 0, 1, 2, 1, 0),
        new(1_000, 1, 0, 1, 3, 1, 0),    // opening
        new(3_500, 1, 0, 1, 4, 1, 0),    // open: opening 2,500
        new(7_500, 1, 0, 1, 1, 1, 1),    // closing: dwell 4,000
        new(9_000, 1, 0, 1, 3, 1, 1),    // re-opening before closed
        new(10_500, 1, 0, 1, 4, 1, 1),   // open: opening 1,500
        new(12_500, 1, 0, 1, 1, 1, 1),   // closing: dwell 2,000
        new(15_500, 1, 0, 1, 2, 1, 1),   // closed: closing 3,000, cycle 1
        new(16_000, 1, 1, 1, 2, 1, 1),   // trip from landing 1
        new(26_000, 1, 0, 5, 2, 1, 1),   // stop at 5 in the door zone: 4 landings in 10,000
        new(26_500, 1, 0, 5, 3, 1, 1),
        new(29_000, 1, 0, 5, 4, 1, 0),   // opening 2,500
        new(33_000, 1, 0, 5, 1, 1, 0),   // dwell 4,000
        new(36_500, 1, 0, 5, 2, 1, 0),   // closing 3,500, cycle 2
        new(37_000, 1, 1, 5, 2, 1, 0),   // trip from landing 5
        new(45_000, 1, 0, 2, 2, 0, 0),   // stop near 2 outside the door zone: 3 landings in 8,000
        new(46_000, 2, 0, 2, 2, 0, 0),   // inspection
        new(47_000, 1, 0, 2, 2, 0, 0),   // normal again
    ];

    public static StateReport Report(Sample step, long deviceStartMs, long sequence) => new(
        (ServiceMode)step.Mode, step.Run == 1, step.Run == 1 ? CarDirection.Up : CarDirection.None, step.Floor, (DoorState)step.Door,
        step.Zone == 1, step.People == 1, null, null, null, deviceStartMs + step.Ms, sequence);

    public static string Json(Sample step, long deviceStartMs, long sequence) => string.Create(CultureInfo.InvariantCulture,
        $$"""{"ts":{{deviceStartMs + step.Ms}},"seq":{{sequence}},"mode":{{step.Mode}},"run":{{step.Run}},"dir":{{(step.Run == 1 ? 1 : 0)}},"floor":{{step.Floor}},"door":{{step.Door}},"zone":{{step.Zone}},"people":{{step.People}}}""");

    /// <summary>Asserts the metrics of <see cref="DoorsAndTrips"/> (whatever the network did to the receive times).</summary>
    public static void AssertDoorsAndTrips(Core.Health.ElevatorHealthHour hour, int times = 1)
    {
        Assert.Equal(2 * times, hour.DoorCycles);
        Assert.Equal(1 * times, hour.Reopenings);
        Assert.Equal((3 * times, 6_500L * times), (hour.DoorOpening.Count, hour.DoorOpening.SumMs));
        Assert.Equal(2_500, hour.DoorOpening.P95Ms);
        Assert.Equal((3 * times, 10_000L * times), (hour.DoorDwell.Count, hour.DoorDwell.SumMs));
        Assert.Equal(4_000, hour.DoorDwell.P95Ms);
        Assert.Equal((2 * times, 6_500L * times), (hour.DoorClosing.Count, hour.DoorClosing.SumMs));
        Assert.Equal(3_500, hour.DoorClosing.P95Ms);
        Assert.Equal(2 * times, hour.Trips);
        Assert.Equal(7 * times, hour.FloorsTravelled);
        // 10,000 / 4 and 8,000 / 3 (whole milliseconds).
        Assert.Equal((2 * times, 5_166L * times), (hour.TripPerFloor.Count, hour.TripPerFloor.SumMs));
        Assert.Equal(2_666, hour.TripPerFloor.P95Ms);
        Assert.Equal((2 * times, 1 * times), (hour.Stops, hour.StopsOutsideZone));
        Assert.Equal(2 * times, hour.ModeChanges);
    }

    /// <summary>
    /// Asserts what <see cref="DoorsAndTrips"/> gives each landing: at 1 both openings, the re-opening and the first
    /// closing; at 5 the second cycle and a stop in the door zone; at 2 the stop outside it.
    /// </summary>
    public static void AssertLandings(IEnumerable<Core.Health.ElevatorLandingDay> landings, int times = 1)
    {
        Assert.Equal(
            [
                (1, 1 * times, 1 * times, 1 * times, 3_000L * times, 2 * times, 4_000L * times, 0, 0),
                (2, 0, 0, 0, 0L, 0, 0L, 1 * times, 1 * times),
                (5, 1 * times, 0, 1 * times, 3_500L * times, 1 * times, 2_500L * times, 1 * times, 0),
            ],
            landings.OrderBy(l => l.Landing)
                .Select(l => (l.Landing, l.DoorCycles, l.Reopenings, l.ClosingCount, l.ClosingSumMs, l.OpeningCount, l.OpeningSumMs, l.Stops, l.StopsOutsideZone)));
    }
}
