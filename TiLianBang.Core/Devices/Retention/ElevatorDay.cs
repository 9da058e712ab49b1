using TiLianBang.Core.Auditing;

namespace TiLianBang.Core.Devices.Retention;

/// <summary>
/// What one elevator did on one local day, kept for ever once the day's raw rows (counter readings, state history,
/// connection changes) are pruned. Written whole for a day by <see cref="DailyAggregator"/>, never edited: a day is
/// recomputed from the raw rows, which is only done while they are all still there.
/// </summary>
public class ElevatorDay : INotAudited
{
    public int ElevatorId { get; set; }
    public DateOnly Day { get; set; }

    /// <summary>Increase of the counters over the day's readings, each against the reading before it (a reset counts from zero).</summary>
    public long Runs { get; set; }
    public double RunHours { get; set; }
    public long DoorCycles { get; set; }
    public int CounterReadings { get; set; }

    /// <summary>
    /// The counters of the day's first and last reading (null without one): the period figures that take the last
    /// minus the first reading (故障统计 per 1,000 runs), and the baseline of the next reading after a prune.
    /// </summary>
    public long? FirstRuns { get; set; }
    public long? LastRuns { get; set; }
    public double? LastRunHours { get; set; }
    public long? LastDoorCycles { get; set; }

    /// <summary>Trips started (stopped → running in the state history) and time spent running, cut at midnight.</summary>
    public int Trips { get; set; }
    public double RunningSeconds { get; set; }
    public int StateChanges { get; set; }

    /// <summary>Faults raised (events are kept for ever; this is for reading a year without them).</summary>
    public int Faults { get; set; }

    /// <summary>Times the collector went offline.</summary>
    public int Disconnects { get; set; }
}
