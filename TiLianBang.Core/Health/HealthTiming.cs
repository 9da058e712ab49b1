namespace TiLianBang.Core.Health;

/// <summary>
/// Durations of one kind within an hour: how many, their sum (so that hours add up to days exactly) and their 95th
/// percentile (nearest rank, over at most <see cref="TimingAccumulator.SampleCap"/> samples).
/// </summary>
public sealed class HealthTiming
{
    public int Count { get; set; }
    public long SumMs { get; set; }
    public int P95Ms { get; set; }

    public double? MeanMs => Count == 0 ? null : (double)SumMs / Count;
}
