namespace TiLianBang.Core.Health;

/// <summary>
/// Collects one hour's durations of one kind. Count and sum are exact; the 95th percentile is exact up to
/// <see cref="SampleCap"/> samples (a door cycles at most about once in five seconds, 720 an hour) and taken over the
/// first <see cref="SampleCap"/> beyond that.
/// </summary>
public sealed class TimingAccumulator
{
    public const int SampleCap = 1024;

    private readonly List<int> _samples = [];
    private long _sum;
    private int _count;

    public int Count => _count;

    public void Add(int milliseconds)
    {
        _count++;
        _sum += milliseconds;
        if (_samples.Count < SampleCap)
        {
            _samples.Add(milliseconds);
        }
    }

    public HealthTiming ToTiming()
    {
        if (_count == 0)
        {
            return new HealthTiming();
        }
        var sorted = _samples.ToArray();
        Array.Sort(sorted);
        return new HealthTiming { Count = _count, SumMs = _sum, P95Ms = NearestRank(sorted, 0.95) };
    }

    /// <summary>The nearest-rank percentile: the smallest sample with at least <paramref name="share"/> of them at or below it.</summary>
    public static int NearestRank(int[] sorted, double share) =>
        sorted[Math.Clamp((int)Math.Ceiling(share * sorted.Length) - 1, 0, sorted.Length - 1)];

    /// <summary>
    /// Two parts of one hour (before and after a restart): counts and sums add up; of the two 95th percentiles the
    /// larger is kept, which may overstate it a little but never hides a slow door.
    /// </summary>
    public static HealthTiming Merge(HealthTiming a, HealthTiming b) => new()
    {
        Count = a.Count + b.Count,
        SumMs = a.SumMs + b.SumMs,
        P95Ms = a.Count == 0 ? b.P95Ms : b.Count == 0 ? a.P95Ms : Math.Max(a.P95Ms, b.P95Ms),
    };
}
