using System.Collections.Immutable;

namespace TiLianBang.Core.Devices.Pipeline;

/// <summary>
/// One collector's connection and traffic as this node sees it: online state, counters of accepted, rejected and
/// refused messages, its last raw messages, and the event ids it sent lately (duplicate detection).
/// </summary>
public sealed class DeviceActivity(string deviceId)
{
    public const int RawMessageCapacity = 20;
    private const int RecentEventIdCapacity = 512;
    public const int DefaultHeartbeatSeconds = 30;

    private readonly Queue<RawMessage> _raw = new(RawMessageCapacity);
    // Recent event ids with the task that completes once the first delivery is stored.
    private readonly Dictionary<string, Task> _eventIds = new(StringComparer.Ordinal);
    private readonly Queue<string> _eventIdOrder = new();

    public string DeviceId { get; } = deviceId;
    public bool Connected { get; internal set; }
    public string? RemoteEndpoint { get; internal set; }
    public DateTimeOffset? ConnectedAt { get; internal set; }
    public bool Online { get; internal set; }
    public DateTimeOffset? OnlineChangedAt { get; internal set; }
    public DateTimeOffset? LastSeen { get; internal set; }
    public int HeartbeatSeconds { get; internal set; } = DefaultHeartbeatSeconds;
    public string? Imei { get; internal set; }
    public string? Firmware { get; internal set; }

    /// <summary>When this node last told the other nodes it hears the device (only with several nodes).</summary>
    internal DateTimeOffset SeenToldAt { get; set; }

    private TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Whether the current connection has subscribed to its command topic (it can take commands).</summary>
    public bool ListensForCommands { get; private set; }

    /// <summary>Completes when the current connection subscribes to its command topic.</summary>
    public Task WhenListeningForCommands
    {
        get
        {
            lock (_raw)
            {
                return _listening.Task;
            }
        }
    }

    internal void SetListening(bool listening)
    {
        lock (_raw)
        {
            ListensForCommands = listening;
            if (listening)
            {
                _listening.TrySetResult();
            }
            else if (_listening.Task.IsCompleted)
            {
                _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }
    }

    private long _accepted;
    private long _rejected;
    private long _refused;

    public long Accepted => Interlocked.Read(ref _accepted);
    public long Rejected => Interlocked.Read(ref _rejected);
    /// <summary>Publishes and subscriptions outside its own topics (ACL).</summary>
    public long Refused => Interlocked.Read(ref _refused);

    public IReadOnlyList<RawMessage> LatestMessages
    {
        get
        {
            lock (_raw)
            {
                return [.. _raw.Reverse()];
            }
        }
    }

    internal void CountAccepted() => Interlocked.Increment(ref _accepted);
    internal void CountRejected() => Interlocked.Increment(ref _rejected);
    internal void CountRefused() => Interlocked.Increment(ref _refused);

    private ImmutableArray<Action<RawMessage>> _watchers = [];

    /// <summary>
    /// Tells <paramref name="handler"/> of every message remembered from now on; <paramref name="recent"/> gets the
    /// ones remembered before, oldest first, so a watcher sees each message exactly once and in order. The handler
    /// runs on the pipeline's thread while the device's messages wait: it must be quick and must not throw.
    /// </summary>
    public IDisposable Watch(Action<RawMessage> handler, out IReadOnlyList<RawMessage> recent)
    {
        lock (_raw)
        {
            _watchers = _watchers.Add(handler);
            recent = [.. _raw];
        }
        return new Watcher(this, handler);
    }

    internal void Remember(RawMessage message)
    {
        lock (_raw)
        {
            if (_raw.Count == RawMessageCapacity)
            {
                _raw.Dequeue();
            }
            _raw.Enqueue(message);
            foreach (var watcher in _watchers)
            {
                watcher(message);
            }
        }
    }

    private sealed class Watcher(DeviceActivity activity, Action<RawMessage> handler) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                lock (activity._raw)
                {
                    activity._watchers = activity._watchers.Remove(handler);
                }
            }
        }
    }

    /// <summary>
    /// Rows one device may add to the shared record queue: a burst (a collector back from an outage resends what was
    /// not acknowledged), then this many a second — far above any elevator's events, far below the writer's rate.
    /// </summary>
    public const int RecordBurst = 1000;
    public const int RecordsPerSecond = 50;

    private double _recordTokens = RecordBurst;
    private DateTimeOffset _recordTokensAt;

    /// <summary>
    /// Takes one row from the device's budget; false when it is spent. One device flooding stats or events must not
    /// fill the queue all devices share (the writer would then hold up everyone's acknowledgements).
    /// </summary>
    internal bool TryTakeRecord(DateTimeOffset now)
    {
        lock (_raw)
        {
            if (_recordTokensAt != default)
            {
                _recordTokens = Math.Min(RecordBurst, _recordTokens + (now - _recordTokensAt).TotalSeconds * RecordsPerSecond);
            }
            _recordTokensAt = now;
            if (_recordTokens < 1)
            {
                return false;
            }
            _recordTokens--;
            return true;
        }
    }

    /// <summary>Rejected messages are logged at most once a minute per device.</summary>
    internal LogThrottle RejectionLog { get; } = new(LogThrottle.PerDevice);

    /// <summary>Refused publishes and subscriptions are logged at most once a minute per device.</summary>
    internal LogThrottle RefusalLog { get; } = new(LogThrottle.PerDevice);

    /// <summary>
    /// True the first time an event id is seen (within the recent window); otherwise <paramref name="first"/>
    /// completes when the first delivery is stored (a repeat is acknowledged no earlier than the original).
    /// </summary>
    internal bool TryClaimEventId(string eventId, Task stored, out Task first)
    {
        lock (_eventIds)
        {
            if (_eventIds.TryGetValue(eventId, out var earlier))
            {
                first = earlier;
                return false;
            }
            _eventIds.Add(eventId, stored);
            _eventIdOrder.Enqueue(eventId);
            if (_eventIdOrder.Count > RecentEventIdCapacity)
            {
                _eventIds.Remove(_eventIdOrder.Dequeue());
            }
            first = stored;
            return true;
        }
    }

    /// <summary>The first delivery was not stored: the next one is treated as new.</summary>
    internal void ForgetEventId(string eventId, Task stored)
    {
        lock (_eventIds)
        {
            if (_eventIds.TryGetValue(eventId, out var claimed) && claimed == stored)
            {
                _eventIds.Remove(eventId);
            }
        }
    }
}
