using System.Text.Json;
using TiLianBang.Web.Simulation;

namespace TiLianBang.Tests.Simulation;

/// <summary>
/// Worn demo elevators show what health analytics look for, in the state messages alone: slower doors, stops
/// outside the door zone followed by a relevel, and stuck cars with a passenger and no 困人 event. Each test drives
/// the simulation tick by tick on its own clock and reads back the JSON it would publish.
/// </summary>
public sealed class SimulatedWearTests
{
    private static readonly TimeSpan Tick = SimulatedCollector.Tick;
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan SuspectedEntrapmentAfter = TimeSpan.FromSeconds(30);
    private const int TrappedCode = 11;

    private static readonly int[] WornOfSixtyByDefault = [0, 10, 20, 30, 40, 50];
    private static readonly int[] WornOfEightAtAQuarter = [0, 4];
    private static readonly int[] AgesInDays = [0, 10, 20];

    [Fact]
    public void WornDoorsCloseSlowerByTheConfiguredShareAndSlowerStillAsDaysPass()
    {
        var wear = new SimulatedWear { DoorSlowdownAtStart = 0.45, DoorSlowdownPerDay = 0.03 };
        var nominal = MedianDoorTime(Drive(new SimulatedElevator(18, 1.75, seed: 5, faultsPerHour: 0, Start), TimeSpan.FromHours(1)), from: 1, to: 2);

        var byAge = AgesInDays.Select(days =>
        {
            // Built that many days before the drive starts: the car has worn for as long.
            var elevator = new SimulatedElevator(18, 1.75, seed: 5, faultsPerHour: 0, Start - TimeSpan.FromDays(days), wear);
            var closing = MedianDoorTime(Drive(elevator, TimeSpan.FromHours(1)), from: 1, to: 2);
            return (Days: days, Closing: closing, Expected: 1 + wear.DoorSlowdownAtStart + wear.DoorSlowdownPerDay * days);
        }).ToList();

        // A tick is 10 % of the nominal 2.5 s, so that is how close the measured times can come.
        Assert.InRange(nominal.TotalSeconds, 2.5, 2.75);
        foreach (var (days, closing, expected) in byAge)
        {
            Assert.InRange(closing / nominal, expected - 0.1, expected + 0.1);
        }
        Assert.True(byAge[0].Closing < byAge[1].Closing && byAge[1].Closing < byAge[2].Closing,
            $"closing times by age: {string.Join(", ", byAge.Select(a => $"{a.Days} d {a.Closing.TotalSeconds:F2} s"))}");
    }

    [Fact]
    public void WornDoorsOpenSlowerAndSometimesReopenWhileClosingNewOnesNever()
    {
        var wear = new SimulatedWear { ReopenChance = 0.1 };
        var worn = Drive(new SimulatedElevator(18, 1.75, seed: 6, faultsPerHour: 0, Start, wear), TimeSpan.FromHours(1));
        var asNew = Drive(new SimulatedElevator(18, 1.75, seed: 6, faultsPerHour: 0, Start), TimeSpan.FromHours(1));

        Assert.InRange(MedianDoorTime(worn, from: 3, to: 4) / MedianDoorTime(asNew, from: 3, to: 4), 1.35, 1.55);
        Assert.Contains(DoorChanges(worn), c => c.From == 1 && c.To == 3);
        Assert.DoesNotContain(DoorChanges(asNew), c => c.From == 1 && c.To == 3);
    }

    [Fact]
    public void WornElevatorStopsOutsideTheDoorZoneAndRelevelsBeforeOpeningNewOneNever()
    {
        var wear = new SimulatedWear { StuckPerHour = 0 };
        var worn = Drive(new SimulatedElevator(18, 1.75, seed: 7, faultsPerHour: 0, Start, wear), TimeSpan.FromHours(1));
        var asNew = Drive(new SimulatedElevator(18, 1.75, seed: 7, faultsPerHour: 0, Start), TimeSpan.FromHours(1));

        // The last seconds may cut a relevel short.
        var outside = Stops(worn.States).Where(i => worn.States[i].Zone == 0 && worn.States[i].At < Start + TimeSpan.FromMinutes(59)).ToList();
        Assert.NotEmpty(outside);
        Assert.NotEmpty(Stops(asNew.States));
        Assert.DoesNotContain(Stops(asNew.States), i => asNew.States[i].Zone == 0);
        foreach (var stop in outside)
        {
            var stopped = worn.States[stop];
            Assert.Equal(2, stopped.Door);
            // The next stop is the relevel: same landing, now in the zone, and the door stayed shut until then.
            var levelled = Stops(worn.States).First(i => i > stop);
            var between = worn.States.Skip(stop).Take(levelled - stop + 1).ToList();
            Assert.Contains(between, s => s.Run == 1);
            Assert.All(between, s => Assert.Equal(2, s.Door));
            Assert.All(between, s => Assert.Equal(stopped.Floor, s.Floor));
            Assert.Equal(1, worn.States[levelled].Zone);
            Assert.InRange(worn.States[levelled].At - stopped.At, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10));
            Assert.Equal(3, worn.States.Skip(levelled + 1).First(s => s.Door != 2).Door);
        }
    }

    [Fact]
    public void WornElevatorGetsStuckWithAPassengerAndNoTrappedEventNewOneNever()
    {
        var wear = new SimulatedWear { StuckPerHour = 4, StuckSecondsMin = 45, StuckSecondsMax = 120 };
        var worn = Drive(new SimulatedElevator(18, 1.75, seed: 8, faultsPerHour: 3, Start, wear), TimeSpan.FromHours(2));
        // Faults often enough that the new car is trapped between floors now and then: reported, so not suspected.
        var asNew = Drive(new SimulatedElevator(18, 1.75, seed: 8, faultsPerHour: 12, Start), TimeSpan.FromHours(2));

        var suspected = SuspectedEntrapments(worn);
        Assert.NotEmpty(suspected);
        foreach (var (from, to) in suspected)
        {
            Assert.InRange(to - from, TimeSpan.FromSeconds(45), TimeSpan.FromSeconds(120) + Tick);
            Assert.DoesNotContain(worn.Events, e => e.At >= from && e.At <= to);
            // It goes on afterwards: the next state is a run.
            Assert.Equal(1, worn.States.First(s => s.At >= to).Run);
        }
        // Every long unreported stop between floors is one of them: the passenger was aboard for the whole stop.
        var unreported = Episodes(worn.States, s => s.Run == 0 && s.Zone == 0 && s.Door == 2)
            .Where(e => e.To - e.From > SuspectedEntrapmentAfter && !ReportedDuring(worn.Events, _ => true, e.From, e.To));
        Assert.Equal(suspected, unreported);
        Assert.Empty(SuspectedEntrapments(asNew));
        // The new car's own 困人 faults look the same in the state, but they were reported, so they are not suspected.
        Assert.Contains(asNew.Events, e => e.Code == TrappedCode && e.Raised);
        Assert.Contains(Episodes(asNew.States, StuckWithPassenger), e => e.To - e.From > SuspectedEntrapmentAfter);
    }

    [Fact]
    public void WearIsChosenByIndexTheSameOnEveryStart()
    {
        Assert.Equal(WornOfSixtyByDefault, Enumerable.Range(0, 60).Where(new SimulatedWear().Wears));
        Assert.Equal(WornOfSixtyByDefault, Enumerable.Range(0, 60).Where(new SimulatedWear().Wears));
        Assert.Equal(WornOfEightAtAQuarter, Enumerable.Range(0, 8).Where(new SimulatedWear { Share = 0.25 }.Wears));
        Assert.DoesNotContain(Enumerable.Range(0, 60), new SimulatedWear { Share = 0 }.Wears);
        Assert.Equal(60, Enumerable.Range(0, 60).Count(new SimulatedWear { Share = 1 }.Wears));
        Assert.Equal(30, Enumerable.Range(0, 300).Count(new SimulatedWear().Wears));
    }

    [Fact]
    public void AWornLandingDoorMovesSlowerAtItsLandingOnlyAndIsChosenApartFromTheWornCars()
    {
        var wear = new SimulatedWear { LandingDoorSlowdown = 0.6 };
        var recording = Drive(new SimulatedElevator(6, 1.75, seed: 10, faultsPerHour: 0, Start, wornLandingDoor: 2, landingWear: wear), TimeSpan.FromHours(4));

        // Closing (1 → 2) times by the landing the car stood at: 60 % slower at landing 2, nominal elsewhere (a tick is 0.25 s).
        var closings = DoorChanges(recording).Where(c => c.From == 1 && c.To == 2).ToLookup(c => c.Floor, c => c.Took.TotalSeconds);
        Assert.True(closings[2].Count() >= 10, $"only {closings[2].Count()} closings at landing 2");
        Assert.InRange(Median(closings[2]), 4.0, 4.0 + 0.3);
        Assert.All(closings.Where(g => g.Key != 2), g => Assert.InRange(Median(g), 2.5, 2.5 + 0.3));

        Assert.Equal([1, 11, 21, 31, 41, 51], Enumerable.Range(0, 60).Where(i => new SimulatedWear().WornLandingDoor(i, 18) is 2));
        Assert.DoesNotContain(Enumerable.Range(0, 60), i => new SimulatedWear().Wears(i) && new SimulatedWear().WornLandingDoor(i, 18) is not null);
        Assert.DoesNotContain(Enumerable.Range(0, 60), i => new SimulatedWear { LandingDoorShare = 0 }.WornLandingDoor(i, 18) is not null);
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }

    /// <summary>Each door change: from, to, the landing the car stood at, and how long the door took.</summary>
    private static List<(int From, int To, int Floor, TimeSpan Took)> DoorChanges(Recording recording)
    {
        var changes = new List<(int, int, int, TimeSpan)>();
        State? since = null;
        foreach (var state in recording.States)
        {
            if (since is not null && state.Door != since.Door)
            {
                changes.Add((since.Door, state.Door, state.Floor, state.At - since.At));
            }
            if (since is null || state.Door != since.Door)
            {
                since = state;
            }
        }
        return changes;
    }

    [Fact]
    public void WornElevatorBehavesTheSameOnEveryStart()
    {
        static List<string> Payloads() =>
            Drive(new SimulatedElevator(18, 1.75, seed: 9, faultsPerHour: 1, Start, new SimulatedWear()), TimeSpan.FromMinutes(20)).Payloads;

        Assert.Equal(Payloads(), Payloads());
    }

    private sealed record State(DateTimeOffset At, int Mode, int Run, int Floor, int Door, int Zone, int People);

    private sealed record Event(DateTimeOffset At, int Code, bool Raised);

    private sealed record Recording(List<State> States, List<Event> Events, List<string> Payloads);

    /// <summary>Runs the elevator from <see cref="Start"/> and reads back what it published.</summary>
    private static Recording Drive(SimulatedElevator elevator, TimeSpan duration)
    {
        var recording = new Recording([], [], []);
        for (var now = Start + Tick; now <= Start + duration; now += Tick)
        {
            foreach (var (kind, payload) in elevator.Advance(now, Tick))
            {
                recording.Payloads.Add(payload);
                using var json = JsonDocument.Parse(payload);
                var root = json.RootElement;
                var at = DateTimeOffset.FromUnixTimeMilliseconds(root.GetProperty("ts").GetInt64());
                if (kind == "state")
                {
                    recording.States.Add(new State(at, root.GetProperty("mode").GetInt32(), root.GetProperty("run").GetInt32(),
                        root.GetProperty("floor").GetInt32(), root.GetProperty("door").GetInt32(), root.GetProperty("zone").GetInt32(),
                        root.GetProperty("people").GetInt32()));
                }
                else if (kind == "event")
                {
                    recording.Events.Add(new Event(at, root.GetProperty("code").GetInt32(), root.GetProperty("state").GetInt32() == 1));
                }
            }
        }
        return recording;
    }

    /// <summary>Each change of the door code, with how long the door had been in the code it left.</summary>
    private static TimeSpan MedianDoorTime(Recording recording, int from, int to)
    {
        var times = DoorChanges(recording).Where(c => c.From == from && c.To == to).Select(c => c.Took).Order().ToList();
        Assert.True(times.Count >= 20, $"only {times.Count} door changes {from} → {to}");
        return times[times.Count / 2];
    }

    /// <summary>Indexes of the states in which the car stopped (run 1 → 0).</summary>
    private static IEnumerable<int> Stops(List<State> states) =>
        Enumerable.Range(1, states.Count - 1).Where(i => states[i - 1].Run == 1 && states[i].Run == 0);

    private static bool StuckWithPassenger(State s) => s.Mode == 1 && s.Run == 0 && s.Zone == 0 && s.Door is 2 or 5 && s.People == 1;

    /// <summary>Stretches of consecutive states that match, from the first matching state to the first that does not.</summary>
    private static List<(DateTimeOffset From, DateTimeOffset To)> Episodes(List<State> states, Func<State, bool> match)
    {
        var episodes = new List<(DateTimeOffset, DateTimeOffset)>();
        DateTimeOffset? from = null;
        foreach (var state in states)
        {
            if (match(state))
            {
                from ??= state.At;
            }
            else if (from is { } start)
            {
                episodes.Add((start, state.At));
                from = null;
            }
        }
        if (from is { } open)
        {
            episodes.Add((open, states[^1].At));
        }
        return episodes;
    }

    /// <summary>
    /// 疑似困人 as the analytics infer it: stuck with a passenger for longer than 30 s while no 困人 was raised
    /// (a 困人 raised before the episode and not yet cleared covers it too).
    /// </summary>
    private static List<(DateTimeOffset From, DateTimeOffset To)> SuspectedEntrapments(Recording recording) =>
        Episodes(recording.States, StuckWithPassenger)
            .Where(e => e.To - e.From > SuspectedEntrapmentAfter)
            .Where(e => !ReportedDuring(recording.Events, code => code == TrappedCode, e.From, e.To))
            .ToList();

    /// <summary>Whether a fault of the codes was raised during the stretch or raised before and still active.</summary>
    private static bool ReportedDuring(List<Event> events, Func<int, bool> codes, DateTimeOffset from, DateTimeOffset to)
    {
        var active = new HashSet<int>();
        foreach (var e in events.Where(e => codes(e.Code) && e.At <= to))
        {
            if (e.At >= from && e.Raised)
            {
                return true;
            }
            if (e.Raised)
            {
                active.Add(e.Code);
            }
            else
            {
                active.Remove(e.Code);
            }
        }
        return active.Count > 0;
    }
}
