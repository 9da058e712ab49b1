namespace TiLianBang.Core.Devices.Pipeline;

/// <summary>
/// Lets one log line through per interval and counts the ones held back, so that a device sending garbage in a
/// loop costs a line a minute, not a line a message.
/// </summary>
public sealed class LogThrottle(TimeSpan interval)
{
    public static readonly TimeSpan PerDevice = TimeSpan.FromMinutes(1);

    private readonly Lock _gate = new();
    private DateTimeOffset? _last;
    private long _held;

    /// <summary>True when a line may be written now; <paramref name="held"/> is how many were held back before it.</summary>
    public bool TryEnter(DateTimeOffset now, out long held)
    {
        lock (_gate)
        {
            if (_last is { } last && now - last < interval)
            {
                _held++;
                held = 0;
                return false;
            }
            held = _held;
            _held = 0;
            _last = now;
            return true;
        }
    }
}
