namespace TiLianBang.Core.Health;

/// <summary>
/// 健康预警: one metric of one elevator (or of one of its landings) drifted from its own baseline for the sustained
/// period. One warning per elevator, metric and landing is active at a time; it is updated while the drift lasts,
/// closed as fixed by a worker and then watched until the metric is back (or opened again when it is not).
/// </summary>
public class HealthWarning
{
    public int Id { get; set; }
    public int ElevatorId { get; set; }
    public HealthMetric Metric { get; set; }

    /// <summary>
    /// The landing whose door or stops drifted while the others did not (a worn landing door, 层门); null for the
    /// elevator as a whole. Landings are judged per day against their own baseline.
    /// </summary>
    public int? Landing { get; set; }
    public HealthWarningStatus Status { get; set; }

    public DateTime RaisedAtUtc { get; set; }

    /// <summary>Since when the drift has held (the start of the first judged period that showed it).</summary>
    public DateTime DriftSinceUtc { get; set; }
    public DateTime EvaluatedAtUtc { get; set; }

    /// <summary>The baseline (median of daily values) and its spread (robust standard deviation), in the metric's unit.</summary>
    public double Baseline { get; set; }
    public double Spread { get; set; }

    /// <summary>The judged period's value, and how far above the baseline it is (percent).</summary>
    public double Observed { get; set; }
    public double ChangePercent { get; set; }

    /// <summary>A worker closed it as fixed (on the next visit): from then on the metric is watched for recovery.</summary>
    public DateTime? FixedAtUtc { get; set; }
    public int? FixedBy { get; set; }
    public string? FixNote { get; set; }

    public DateTime? RecoveredAtUtc { get; set; }

    /// <summary>Times it was opened again because the metric had not recovered after a fix.</summary>
    public int Reopened { get; set; }
}

public enum HealthWarningStatus
{
    /// <summary>The drift holds; nobody has fixed it yet.</summary>
    Open = 0,
    /// <summary>Closed as fixed by a worker; the metric is watched (观察中).</summary>
    Watching = 1,
    /// <summary>The metric is back within its baseline.</summary>
    Recovered = 2,
}
