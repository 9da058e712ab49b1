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

    /// <summary>Door cycles and stops per landing (at most <c>ProtocolParser.MaxLanding</c> of them), made on first use.</summary>
    private Dictionary<int, ElevatorLandingDay>? _landings;

    /// <summary>The landing's counts of this hour (its day and elevator are set when the hour is handed over).</summary>
    public ElevatorLandingDay At(int landing)
    {
        _landings ??= [];
        if (!_landings.TryGetValue(landing, out var counts))
        {
            counts = new ElevatorLandingDay { Landing = landing };
            _landings.Add(landing, counts);
        }
        return counts;
    }

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

    /// <summary>The hour as stored: its row and its landings' counts, to be added to <paramref name="day"/> (the hour's local day).</summary>
    public EndedHour ToEnded(int elevatorId, DateOnly day)
    {
        // Called once, as the hour is handed over: its counts can be addressed in place.
        var landings = _landings?.Values.ToList() ?? [];
        foreach (var landing in landings)
        {
            landing.ElevatorId = elevatorId;
            landing.Day = day;
        }
        return new EndedHour(ToRow(elevatorId), landings);
    }

    public static DateTime HourOf(DateTimeOffset at)
    {
        var utc = at.UtcDateTime;
        return new DateTime(utc.Year, utc.Month, utc.Day, utc.Hour, 0, 0, DateTimeKind.Utc);
    }
}

/// <summary>An ended hour on its way to the database: the elevator's hour row and what each landing added to its day.</summary>
public sealed record EndedHour(ElevatorHealthHour Hour, IReadOnlyList<ElevatorLandingDay> Landings);
