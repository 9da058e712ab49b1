using TiLianBang.Core.Auditing;

namespace TiLianBang.Core.Health;

/// <summary>
/// What one elevator's state stream showed in one hour (UTC): door cycles and their timings, trips, stops outside
/// the door zone and mode changes. Computed in the pipeline from consecutive states, written when the hour ends (and
/// on shutdown, merged with what the hour already holds), never a row per message.
/// </summary>
public class ElevatorHealthHour : INotAudited
{
    public int ElevatorId { get; set; }

    /// <summary>The hour's start, UTC.</summary>
    public DateTime HourUtc { get; set; }

    /// <summary>Doors that closed fully after opening.</summary>
    public int DoorCycles { get; set; }

    /// <summary>Doors that opened again while closing, before they had closed fully.</summary>
    public int Reopenings { get; set; }

    /// <summary>Opening (开门中 → 门开), dwell (门开 → 关门中) and closing (关门中 → 门关) times.</summary>
    public HealthTiming DoorOpening { get; set; } = new();
    public HealthTiming DoorDwell { get; set; } = new();
    public HealthTiming DoorClosing { get; set; } = new();

    /// <summary>Trips (stopped → running → stopped); those between different landings are timed per landing travelled.</summary>
    public int Trips { get; set; }
    public int FloorsTravelled { get; set; }
    public HealthTiming TripPerFloor { get; set; } = new();

    /// <summary>Stops whose state said where the car was (zone reported), and those of them outside the door zone.</summary>
    public int Stops { get; set; }
    public int StopsOutsideZone { get; set; }

    public int ModeChanges { get; set; }
}
