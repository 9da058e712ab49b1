namespace TiLianBang.Web.Simulation;

/// <summary>
/// How the demo's worn elevators misbehave (<c>Demo:Wear</c>), so that health analytics have something to find
/// within minutes of starting the demo: doors that open and close slower and slower and now and then re-open while
/// closing, stops short of the landing followed by a relevel, and cars that stand still between floors with a
/// passenger inside and no 困人 event. The defaults are far worse than a real fleet on purpose.
/// </summary>
public sealed class SimulatedWear
{
    /// <summary>Share of the simulated elevators that wear (0–1).</summary>
    public double Share { get; set; } = 0.1;

    /// <summary>
    /// How much slower than nominal a worn door opens and closes from the start (0.45 = 45 % slower), so the drift
    /// shows against a baseline seeded for the demo without waiting for days.
    /// </summary>
    public double DoorSlowdownAtStart { get; set; } = 0.45;

    /// <summary>Further slowdown per day of simulated time, as a share of the nominal door time.</summary>
    public double DoorSlowdownPerDay { get; set; } = 0.03;

    /// <summary>Chance that a closing door re-opens (1 → 3) before it is closed.</summary>
    public double ReopenChance { get; set; } = 0.05;

    /// <summary>Chance per stop that the car stops short of the landing and relevels before the door opens.</summary>
    public double OutsideZoneStopChance { get; set; } = 0.05;

    /// <summary>
    /// Stuck episodes per hour and elevator: the car stops between floors with a passenger and raises no event.
    /// High enough by default that one of the worn demo elevators does it within a few minutes.
    /// </summary>
    public double StuckPerHour { get; set; } = 4;

    /// <summary>Shortest stuck episode; above the analytics' 30 s so that every episode counts as 疑似困人.</summary>
    public double StuckSecondsMin { get; set; } = 45;

    /// <summary>Longest stuck episode.</summary>
    public double StuckSecondsMax { get; set; } = 120;

    /// <summary>
    /// Whether the elevator at <paramref name="index"/> (0-based, in the order the simulator creates them) wears.
    /// The worn ones are spread evenly, starting with the first, so the same elevators wear on every start and even
    /// a demo of a few elevators has one.
    /// </summary>
    public bool Wears(int index) => Spread(index, Share);

    private static bool Spread(int index, double share)
    {
        share = Math.Clamp(share, 0, 1);
        // Rounded first: 30 × 0.1 is 3.0000000000000004 in doubles and would move the choice by one elevator.
        static int WornBefore(int count, double share) => (int)Math.Ceiling(Math.Round(count * share, 9));
        return index >= 0 && WornBefore(index + 1, share) > WornBefore(index, share);
    }

    /// <summary>
    /// Share of the simulated elevators (0–1) with one worn landing door (层门): the car's door is fine, but at one
    /// landing the door opens and closes slower, which the health analytics find per landing.
    /// </summary>
    public double LandingDoorShare { get; set; } = 0.1;

    /// <summary>How much slower than nominal the worn landing door moves (0.6 = 60 % slower).</summary>
    public double LandingDoorSlowdown { get; set; } = 0.6;

    /// <summary>
    /// The landing whose door is worn in the elevator at <paramref name="index"/>, or null. Spread as <see cref="Wears"/>
    /// but starting with the second elevator, and never one that wears as a whole (its own door hides a landing's).
    /// The second landing: served often enough in the demo to be judged every day.
    /// </summary>
    public int? WornLandingDoor(int index, int landings) =>
        index >= 1 && landings >= 2 && !Wears(index) && Spread(index - 1, LandingDoorShare) ? 2 : null;

    /// <summary>How long a worn door takes to open or close, <paramref name="age"/> into the simulation.</summary>
    public TimeSpan DoorTime(TimeSpan nominal, TimeSpan age) =>
        nominal * (1 + DoorSlowdownAtStart + DoorSlowdownPerDay * Math.Max(0, age.TotalDays));

    /// <summary>A stuck episode's length, from a uniform draw in [0, 1).</summary>
    public TimeSpan StuckTime(double draw)
    {
        var min = Math.Max(0, StuckSecondsMin);
        var max = Math.Max(min, StuckSecondsMax);
        return TimeSpan.FromSeconds(min + (max - min) * draw);
    }
}
