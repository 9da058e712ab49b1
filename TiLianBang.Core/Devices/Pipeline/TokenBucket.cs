namespace TiLianBang.Core.Devices.Pipeline;

/// <summary>
/// A token bucket on the platform's clock (so tests drive it): full at first, refilled at a rate up to its burst, a
/// clock going back gives nothing. Not thread-safe: its owner holds a lock around it.
/// </summary>
internal struct TokenBucket
{
    private double _tokens;
    private DateTimeOffset _at;
    private bool _started;

    /// <summary>Takes one token; when there is none, <paramref name="wait"/> is how long until the next.</summary>
    public bool TryTake(DateTimeOffset now, double perSecond, int burst, out TimeSpan wait)
    {
        burst = Math.Max(1, burst);
        if (!_started)
        {
            (_tokens, _at, _started) = (burst, now, true);
        }
        else if (now > _at)
        {
            _tokens = Math.Min(burst, _tokens + (now - _at).TotalSeconds * perSecond);
            _at = now;
        }
        if (_tokens >= 1)
        {
            _tokens--;
            wait = TimeSpan.Zero;
            return true;
        }
        wait = TimeSpan.FromSeconds((1 - _tokens) / perSecond);
        return false;
    }
}
