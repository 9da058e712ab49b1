using TiLianBang.Core.Devices.Protocol;

namespace TiLianBang.Core.Health;

/// <summary>
/// Follows one elevator's consecutive states and turns their transitions into door cycles, trips and stops, counted
/// into the current hour and into the landing's counts. Durations come from the device's own clock when both states
/// carry one (network jitter would otherwise blur a 3-second door) and from the receive time otherwise. A gap in the
/// sequence numbers, a reconnect or another collector starts the phases over instead of measuring across what was missed.
/// </summary>
public sealed class ElevatorHealthTracker(int elevatorId)
{
    /// <summary>Longer than any door movement or trip per landing: a longer "duration" spans something missed.</summary>
    private static readonly TimeSpan LongestDuration = TimeSpan.FromMinutes(5);

    private readonly Lock _lock = new();
    private string? _deviceId;
    private bool _hasPrevious;
    private DoorState _door;
    private bool _running;
    private ServiceMode _mode;
    private long? _sequence;
    private Moment? _openingSince;
    private Moment? _openSince;
    private Moment? _closingSince;
    private Moment? _tripSince;
    private int _tripFloor;
    private HourAccumulator? _hour;
    private StuckCar? _stuck;
    private bool _stuckTold;

    public int ElevatorId { get; } = elevatorId;

    /// <summary>Takes one state; returns the previous hour when this state begins a new one.</summary>
    public HourAccumulator? Observe(string deviceId, StateReport state, DateTimeOffset receivedAt)
    {
        lock (_lock)
        {
            HourAccumulator? ended = null;
            var hour = HourAccumulator.HourOf(receivedAt);
            if (_hour is null || _hour.HourUtc != hour)
            {
                ended = _hour is { IsEmpty: false } ? _hour : null;
                _hour = new HourAccumulator(hour);
            }
            var at = new Moment(receivedAt, state.DeviceTime);
            var continuous = _hasPrevious && _deviceId == deviceId
                && (_sequence is not { } previous || state.Sequence is not { } sequence || sequence == previous + 1);
            if (!continuous)
            {
                ForgetPhases();
            }
            else
            {
                Door(state.Door, state.Floor, at);
                Trip(state, at);
                if (state.Mode != _mode)
                {
                    _hour.ModeChanges++;
                }
            }
            _deviceId = deviceId;
            _hasPrevious = true;
            _door = state.Door;
            _running = state.Running;
            _mode = state.Mode;
            _sequence = state.Sequence;
            Watch(deviceId, state, receivedAt);
            return ended;
        }
    }

    /// <summary>The collector connected again: what came before is not continuous with what comes next.</summary>
    public void Restart()
    {
        lock (_lock)
        {
            ForgetPhases();
            _hasPrevious = false;
        }
    }

    /// <summary>The current hour if it ended before <paramref name="hourUtc"/> (the elevator went quiet); it is then handed over.</summary>
    public HourAccumulator? TakeEndedHour(DateTime hourUtc)
    {
        lock (_lock)
        {
            if (_hour is null || _hour.HourUtc >= hourUtc)
            {
                return null;
            }
            var ended = _hour;
            _hour = null;
            return ended.IsEmpty ? null : ended;
        }
    }

    /// <summary>The current hour so far, handed over (shutdown): the next state starts a new accumulator for the same hour.</summary>
    public HourAccumulator? TakeCurrentHour()
    {
        lock (_lock)
        {
            var current = _hour;
            _hour = null;
            return current is { IsEmpty: false } ? current : null;
        }
    }

    /// <summary>A copy of the hour so far (the health tab shows the hour in progress).</summary>
    public ElevatorHealthHour? CurrentHour()
    {
        lock (_lock)
        {
            return _hour is { IsEmpty: false } hour ? hour.ToRow(ElevatorId) : null;
        }
    }

    /// <summary>
    /// The stuck car once it has stood for <paramref name="threshold"/> (told once per episode; a car that moves, opens
    /// its door, reaches the door zone or is emptied ends the episode).
    /// </summary>
    public StuckCar? StuckFor(TimeSpan threshold, DateTimeOffset now)
    {
        lock (_lock)
        {
            if (_stuck is null || _stuckTold || now - _stuck.Since < threshold)
            {
                return null;
            }
            _stuckTold = true;
            return _stuck;
        }
    }

    private void Watch(string deviceId, StateReport state, DateTimeOffset receivedAt)
    {
        // Only what the collector said counts: a state without zone or passenger fields never suggests a trapped passenger.
        var stuck = !state.Running && state.InDoorZone == false && state.PassengerInCar == true
            && state.Door is DoorState.Closed or DoorState.Locked
            && state.Mode is not (ServiceMode.Inspection or ServiceMode.Firefighter);
        if (!stuck)
        {
            _stuck = null;
            _stuckTold = false;
        }
        else if (_stuck is null || _stuck.DeviceId != deviceId)
        {
            _stuck = new StuckCar(ElevatorId, deviceId, receivedAt, state.Floor, state.Door, state.Mode, state.LoadPercent);
            _stuckTold = false;
        }
    }

    private void Door(DoorState door, int landing, Moment at)
    {
        if (door == _door)
        {
            return;
        }
        var hour = _hour!;
        switch (door)
        {
            case DoorState.Opening:
                if (_door is DoorState.Closing or DoorState.NotFullyClosed)
                {
                    hour.Reopenings++;
                    hour.At(landing).Reopenings++;
                }
                _closingSince = null;
                _openSince = null;
                _openingSince = at;
                break;
            case DoorState.Open:
                if (Took(_openingSince, at) is { } opening)
                {
                    hour.DoorOpening.Add(opening);
                    var counts = hour.At(landing);
                    counts.OpeningCount++;
                    counts.OpeningSumMs += opening;
                }
                _openingSince = null;
                _closingSince = null;
                _openSince = at;
                break;
            case DoorState.Closing:
                if (Took(_openSince, at) is { } dwell)
                {
                    hour.DoorDwell.Add(dwell);
                }
                _openSince = null;
                _openingSince = null;
                // Closing → not fully closed → closing again is one closing, timed from its start.
                _closingSince = _door == DoorState.NotFullyClosed && _closingSince is not null ? _closingSince : at;
                break;
            case DoorState.NotFullyClosed:
                // Still closing (or stuck ajar): the closing goes on from where it started.
                break;
            case DoorState.Closed or DoorState.Locked:
                if (_door is DoorState.Closed or DoorState.Locked)
                {
                    break;
                }
                if (Took(_closingSince, at) is { } closing)
                {
                    hour.DoorClosing.Add(closing);
                    hour.DoorCycles++;
                    var counts = hour.At(landing);
                    counts.ClosingCount++;
                    counts.ClosingSumMs += closing;
                    counts.DoorCycles++;
                }
                ForgetDoor();
                break;
            default:
                ForgetDoor();
                break;
        }
    }

    private void Trip(StateReport state, Moment at)
    {
        if (state.Running == _running)
        {
            return;
        }
        var hour = _hour!;
        if (state.Running)
        {
            _tripSince = at;
            _tripFloor = state.Floor;
            return;
        }
        if (_tripSince is { } since)
        {
            hour.Trips++;
            var floors = Math.Abs(state.Floor - _tripFloor);
            if (floors > 0 && Took(since, at) is { } took)
            {
                hour.FloorsTravelled += floors;
                hour.TripPerFloor.Add(took / floors);
            }
        }
        _tripSince = null;
        if (state.InDoorZone is { } inZone)
        {
            hour.Stops++;
            var counts = hour.At(state.Floor);
            counts.Stops++;
            if (!inZone)
            {
                hour.StopsOutsideZone++;
                counts.StopsOutsideZone++;
            }
        }
    }

    private static int? Took(Moment? from, Moment to)
    {
        if (from is not { } start)
        {
            return null;
        }
        // Milliseconds as a plain number first: a device clock that jumps by years must not overflow a TimeSpan.
        var took = start.DeviceMs is { } a && to.DeviceMs is { } b
            ? b - a
            : (long)(to.ReceivedAt - start.ReceivedAt).TotalMilliseconds;
        return took < 0 || took > LongestDuration.TotalMilliseconds ? null : (int)took;
    }

    private void ForgetPhases()
    {
        ForgetDoor();
        _tripSince = null;
    }

    private void ForgetDoor()
    {
        _openingSince = null;
        _openSince = null;
        _closingSince = null;
    }

    private readonly record struct Moment(DateTimeOffset ReceivedAt, long? DeviceMs);
}
