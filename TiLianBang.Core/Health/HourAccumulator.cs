namespace TiLianBang.Core.Health;

/// <summary>One elevator's current hour, filled message by message and turned into a row when the hour ends.</summary>
public sealed class HourAccumulator(DateTime hourUtc)
{
    public DateTime HourUtc { get; } = hourUtc;
    public int DoorCycles { get; set; }
    public int Reopenings { get; set; }
    public TimingAccumulator DoorOpening { get; } = new();
    public TimingAccumulator DoorDwell { get; } = new();
    public TimingAccumulator DoorClosing { get; } = new();
    public int Trips { get; set; }
    public int FloorsTravelled { get; set; }
    public TimingAccumulator TripPerFloor { get; } = new();
    public int Stops { get; set; }
    public int StopsOutsideZone { get; set; }
    public int ModeChanges { get; set; }

    public bool IsEmpty => DoorCycles == 0 && Reopenings == 0 && DoorOpening.Count == 0 && DoorDwell.Count == 0 && DoorClosing.Count == 0
        && Trips == 0 && Stops == 0 && ModeChanges == 0;

    public ElevatorHealthHour ToRow(int elevatorId) => new()
    {
        ElevatorId = elevatorId,
        HourUtc = HourUtc,
        DoorCycles = DoorCycles,
        Reopenings = Reopenings,
        DoorOpening = DoorOpening.ToTiming(),
        DoorDwell = DoorDwell.ToTiming(),
        DoorClosing = DoorClosing.ToTiming(),
        Trips = Trips,
        FloorsTravelled = FloorsTravelled,
        TripPerFloor = TripPerFloor.ToTiming(),
        Stops = Stops,
        StopsOutsideZone = StopsOutsideZone,
        ModeChanges = ModeChanges,
    };

    public static DateTime HourOf(DateTimeOffset at)
    {
        var utc = at.UtcDateTime;
        return new DateTime(utc.Year, utc.Month, utc.Day, utc.Hour, 0, 0, DateTimeKind.Utc);
    }
}
