using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using TiLianBang.Core.Common;
using TiLianBang.Core.Devices.Protocol;

namespace TiLianBang.Core.Health;

/// <summary>
/// Every elevator's health tracker, fed from the device pipeline (no database access per message). Ended hours wait
/// here until <see cref="HealthRecorder"/> stores them.
/// </summary>
public sealed class HealthTrackers(IOptions<HealthOptions> options, TimeProvider clock)
{
    private readonly ConcurrentDictionary<int, ElevatorHealthTracker> _trackers = new();
    private readonly ConcurrentQueue<EndedHour> _ended = new();

    public bool Enabled { get; } = options.Value.Enabled;

    public TimeSpan EntrapmentAfter { get; } = TimeSpan.FromSeconds(options.Value.EntrapmentSeconds);

    public void Observe(int elevatorId, string deviceId, StateReport state, DateTimeOffset receivedAt)
    {
        if (!Enabled)
        {
            return;
        }
        var tracker = _trackers.GetOrAdd(elevatorId, static id => new ElevatorHealthTracker(id));
        if (tracker.Observe(deviceId, state, receivedAt) is { } ended)
        {
            _ended.Enqueue(Ended(ended, elevatorId));
        }
    }

    /// <summary>The elevator's collector connected again.</summary>
    public void Restart(int elevatorId)
    {
        if (_trackers.TryGetValue(elevatorId, out var tracker))
        {
            tracker.Restart();
        }
    }

    /// <summary>Cars stuck long enough to raise 疑似困人, each once per episode.</summary>
    public List<StuckCar> StuckCars(DateTimeOffset now)
    {
        var stuck = new List<StuckCar>();
        foreach (var tracker in _trackers.Values)
        {
            if (tracker.StuckFor(EntrapmentAfter, now) is { } car)
            {
                stuck.Add(car);
            }
        }
        return stuck;
    }

    /// <summary>Ended hours to store: those the trackers handed over, and the hours of elevators gone quiet since.</summary>
    public List<EndedHour> TakeEndedHours(DateTimeOffset now)
    {
        var hour = HourAccumulator.HourOf(now);
        foreach (var tracker in _trackers.Values)
        {
            if (tracker.TakeEndedHour(hour) is { } ended)
            {
                _ended.Enqueue(Ended(ended, tracker.ElevatorId));
            }
        }
        return Drain();
    }

    /// <summary>Everything counted so far, the hours in progress included (shutdown).</summary>
    public List<EndedHour> TakeAll()
    {
        foreach (var tracker in _trackers.Values)
        {
            if (tracker.TakeCurrentHour() is { } current)
            {
                _ended.Enqueue(Ended(current, tracker.ElevatorId));
            }
        }
        return Drain();
    }

    /// <summary>Hours that could not be stored go back, to be tried with the next ones.</summary>
    public void PutBack(IEnumerable<EndedHour> hours)
    {
        foreach (var hour in hours)
        {
            _ended.Enqueue(hour);
        }
    }

    public ElevatorHealthHour? CurrentHour(int elevatorId) =>
        _trackers.TryGetValue(elevatorId, out var tracker) ? tracker.CurrentHour() : null;

    private EndedHour Ended(HourAccumulator hour, int elevatorId) => hour.ToEnded(elevatorId, clock.LocalDateOf(hour.HourUtc));

    private List<EndedHour> Drain()
    {
        var hours = new List<EndedHour>();
        while (_ended.TryDequeue(out var hour))
        {
            hours.Add(hour);
        }
        return hours;
    }
}
