namespace TiLianBang.Benchmarks;

/// <summary>Millisecond buckets up to 60 s; thread-safe counting, percentiles by walking the buckets.</summary>
internal sealed class LatencyHistogram
{
    private readonly long[] _buckets = new long[60_001];
    private long _count;

    public long Count => Interlocked.Read(ref _count);

    public void Add(long milliseconds)
    {
        Interlocked.Increment(ref _buckets[Math.Clamp(milliseconds, 0, _buckets.Length - 1)]);
        Interlocked.Increment(ref _count);
    }

    public long Percentile(double p)
    {
        var target = (long)Math.Ceiling(Count * p);
        long seen = 0;
        for (var ms = 0; ms < _buckets.Length; ms++)
        {
            seen += Interlocked.Read(ref _buckets[ms]);
            if (seen >= target && seen > 0)
            {
                return ms;
            }
        }
        return _buckets.Length - 1;
    }
}
