using System.Threading.Channels;

namespace TiLianBang.Web.Features.Live;

/// <summary>
/// The frames one socket has yet to send. Publishers (the MQTT pipeline, the state hub, the counts feed) only
/// enqueue and never wait: a state frame replaces the pending frame of the same subscription (latest state wins),
/// other frames queue up to a bound, beyond which the queue refuses and the socket is closed.
/// </summary>
internal sealed class LiveSendQueue(int capacity)
{
    private sealed class Entry(string? key, LiveServerFrame frame)
    {
        public string? Key { get; } = key;
        public LiveServerFrame Frame { get; set; } = frame;
    }

    private readonly Queue<Entry> _entries = new();
    private readonly Dictionary<string, Entry> _pendingByKey = new(StringComparer.Ordinal);
    // One token per queued entry wakes the sender; completed once closing.
    private readonly Channel<bool> _available = Channel.CreateUnbounded<bool>(new UnboundedChannelOptions { SingleReader = true });
    private LiveCloseReason? _close;

    /// <summary>False when the queue is full (the client does not keep up) or closing.</summary>
    public bool TryEnqueue(LiveServerFrame frame) => TryEnqueue(null, frame);

    /// <summary>Replaces the pending frame of <paramref name="key"/> if there is one, keeping its place.</summary>
    public bool TryEnqueueLatest(string key, LiveServerFrame frame) => TryEnqueue(key, frame);

    private bool TryEnqueue(string? key, LiveServerFrame frame)
    {
        lock (_entries)
        {
            if (_close is not null)
            {
                return false;
            }
            if (key is not null && _pendingByKey.TryGetValue(key, out var pending))
            {
                pending.Frame = frame;
                return true;
            }
            if (_entries.Count >= capacity)
            {
                return false;
            }
            var entry = new Entry(key, frame);
            _entries.Enqueue(entry);
            if (key is not null)
            {
                _pendingByKey[key] = entry;
            }
        }
        _available.Writer.TryWrite(true);
        return true;
    }

    /// <summary>Asks the sender to close with <paramref name="reason"/> instead of sending what is left; the first reason wins.</summary>
    public bool Close(LiveCloseReason reason)
    {
        lock (_entries)
        {
            if (_close is not null)
            {
                return false;
            }
            _close = reason;
        }
        _available.Writer.TryComplete();
        return true;
    }

    public LiveCloseReason? CloseReason
    {
        get
        {
            lock (_entries)
            {
                return _close;
            }
        }
    }

    /// <summary>The next frame to send, or the close reason once closing was asked for.</summary>
    public async Task<(LiveServerFrame? Frame, LiveCloseReason? Close)> NextAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            lock (_entries)
            {
                if (_close is not null)
                {
                    return (null, _close);
                }
                if (_entries.TryDequeue(out var entry))
                {
                    if (entry.Key is not null)
                    {
                        _pendingByKey.Remove(entry.Key);
                    }
                    return (entry.Frame, null);
                }
            }
            if (await _available.Reader.WaitToReadAsync(cancellationToken))
            {
                _available.Reader.TryRead(out _);
            }
        }
    }
}
