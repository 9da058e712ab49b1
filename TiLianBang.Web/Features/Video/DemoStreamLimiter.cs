using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using TiLianBang.Core.Video;

namespace TiLianBang.Web.Features.Video;

/// <summary>
/// Bounds the demo streams drawn at once, per account and for the process, so pages left open cannot take the
/// server's CPU: a stream over the limit is refused (429) and the panel says so.
/// </summary>
public sealed class DemoStreamLimiter(IOptions<VideoOptions> options)
{
    private readonly ConcurrentDictionary<string, int> _perUser = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private int _total;

    public int Active => Volatile.Read(ref _total);

    /// <summary>A slot to release (dispose) when the stream ends, or null when a limit is reached.</summary>
    public IDisposable? TryAcquire(string user)
    {
        var limits = options.Value.Demo;
        lock (_gate)
        {
            var mine = _perUser.GetValueOrDefault(user);
            if (_total >= limits.MaxStreams || mine >= limits.MaxStreamsPerUser)
            {
                return null;
            }
            _perUser[user] = mine + 1;
            _total++;
        }
        return new Slot(this, user);
    }

    private void Release(string user)
    {
        lock (_gate)
        {
            var left = _perUser.GetValueOrDefault(user) - 1;
            if (left <= 0)
            {
                _perUser.TryRemove(user, out _);
            }
            else
            {
                _perUser[user] = left;
            }
            _total--;
        }
    }

    private sealed class Slot(DemoStreamLimiter owner, string user) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                owner.Release(user);
            }
        }
    }
}
