using TiLianBang.Core.Auditing;

namespace TiLianBang.Core.Health;

/// <summary>
/// What one elevator's doors and stops did at one landing on one local day: a worn landing door (层门) slows the door
/// at its own landing only, which the elevator's hourly figures average away. Kept per day, not per hour, so that
/// a building of thirty landings adds thirty small rows a day rather than seven hundred.
/// </summary>
public class ElevatorLandingDay : INotAudited
{
    public int ElevatorId { get; set; }

    /// <summary>The local day (the installation's time zone) its hours began in.</summary>
    public DateOnly Day { get; set; }

    /// <summary>The physical landing index of the protocol (1 = lowest).</summary>
    public int Landing { get; set; }

    public int DoorCycles { get; set; }
    public int Reopenings { get; set; }
    public int ClosingCount { get; set; }
    public long ClosingSumMs { get; set; }
    public int OpeningCount { get; set; }
    public long OpeningSumMs { get; set; }
    public int Stops { get; set; }
    public int StopsOutsideZone { get; set; }

    public void Add(ElevatorLandingDay other)
    {
        DoorCycles += other.DoorCycles;
        Reopenings += other.Reopenings;
        ClosingCount += other.ClosingCount;
        ClosingSumMs += other.ClosingSumMs;
        OpeningCount += other.OpeningCount;
        OpeningSumMs += other.OpeningSumMs;
        Stops += other.Stops;
        StopsOutsideZone += other.StopsOutsideZone;
    }
}
