namespace TiLianBang.Core.Devices.Retention;

/// <summary>
/// The counters a reading is compared with: the reading before it, or, when that was pruned, the closing counters
/// of the last folded day. Shared by the daily fold and 运行统计 so that both count a day the same way.
/// </summary>
public readonly record struct CounterBaseline(long Runs, double RunHours, long DoorCycles)
{
    /// <summary>What one reading adds: after a reset the counters start again from zero, so all they show is new.</summary>
    public static (long Runs, double Hours, long Doors) Increase(CounterBaseline? previous, long runs, double hours, long doors, bool isReset) =>
        isReset ? (runs, hours, doors)
        : previous is { } p ? (runs - p.Runs, hours - p.RunHours, doors - p.DoorCycles)
        : (0, 0, 0);
}
