namespace TiLianBang.Core.Devices.LiveState;

/// <summary>The last counters a collector reported (cumulative since installation).</summary>
public sealed record RunCounters(long Runs, double RunHours, long DoorCycles, double? Distance, DateTimeOffset ReceivedAt);
