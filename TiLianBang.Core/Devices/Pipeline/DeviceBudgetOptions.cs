namespace TiLianBang.Core.Devices.Pipeline;

/// <summary>
/// Configuration section <c>Mqtt:DeviceBudget</c>: how many messages one collector may send a second, after a burst,
/// before its excess is shed (QoS 0) or delayed (QoS 1). The protocol allows a state at most 4 times a second plus
/// rare events, IO and counters, so the default is five times that; it exists so that one faulty collector sending
/// hundreds a second cannot take the pipeline's time from the others.
/// </summary>
public sealed class DeviceBudgetOptions
{
    public const string Section = "Mqtt:DeviceBudget";

    /// <summary>Messages a second one collector may send in the long run; 0 or less turns the budget off.</summary>
    public double MessagesPerSecond { get; set; } = 20;

    /// <summary>Messages one collector may send at once above the rate (a reconnect resends its backlog).</summary>
    public int Burst { get; set; } = 200;

    /// <summary>
    /// Rows one collector may add to the record queue all collectors share (events, stats, connection changes, trip
    /// boundaries) a second in the long run — far above any elevator's events, far below the writer's rate; 0 or less
    /// turns this budget off. Over it a QoS 1 message goes unacknowledged (the connection is closed and the collector
    /// sends it again), so one collector flooding events cannot hold up everyone's acknowledgements.
    /// </summary>
    public double RecordsPerSecond { get; set; } = 50;

    /// <summary>Rows one collector may add at once above that rate (a collector back from an outage resends its backlog).</summary>
    public int RecordBurst { get; set; } = 1000;
}
