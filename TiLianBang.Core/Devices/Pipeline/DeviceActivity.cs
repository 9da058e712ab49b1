using System.Collections.Immutable;
using TiLianBang.Core.Devices.Protocol;

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

    private readonly RawMessageRing _raw = new(deviceId, RawMessageCapacity);
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

    private long _superseded;
    private long _shed;
    private long _delayed;

    public long Accepted => Interlocked.Read(ref _accepted);

    /// <summary>QoS 0 states replaced by a newer one before they reached the live view (their trip boundaries were recorded).</summary>
    public long Superseded => Interlocked.Read(ref _superseded);

    /// <summary>QoS 0 messages dropped because the collector was over its budget (<see cref="DeviceBudgetOptions"/>).</summary>
    public long OverBudgetDropped => Interlocked.Read(ref _shed);

    /// <summary>QoS 1 messages held back (not lost) because the collector was over its budget.</summary>
    public long OverBudgetDelayed => Interlocked.Read(ref _delayed);
    public long Rejected => Interlocked.Read(ref _rejected);
    /// <summary>Publishes and subscriptions outside its own topics (ACL).</summary>
    public long Refused => Interlocked.Read(ref _refused);

    public IReadOnlyList<RawMessage> LatestMessages
    {
        get
        {
            lock (_raw)
            {
                var messages = _raw.ToArray();
                Array.Reverse(messages);
                return messages;
            }
        }
    }

    internal void CountAccepted() => Interlocked.Increment(ref _accepted);
    internal void CountRejected() => Interlocked.Increment(ref _rejected);
    internal void CountRefused() => Interlocked.Increment(ref _refused);
    internal void CountShed() => Interlocked.Increment(ref _shed);
    internal void CountDelayed() => Interlocked.Increment(ref _delayed);

    private TokenBucket _messages;

    /// <summary>
    /// Takes one message from the collector's budget; when it is spent, <paramref name="wait"/> is how long until
    /// the next token.
    /// </summary>
    internal bool TryTakeMessage(DateTimeOffset now, DeviceBudgetOptions budget, out TimeSpan wait)
    {
        wait = TimeSpan.Zero;
        if (budget.MessagesPerSecond <= 0)
        {
            return true;
        }
        lock (_budgetGate)
        {
            return _messages.TryTake(now, budget.MessagesPerSecond, budget.Burst, out wait);
        }
    }

    private readonly Lock _budgetGate = new();

    /// <summary>Over-budget messages are logged at most once a minute per device.</summary>
    internal LogThrottle BudgetLog { get; } = new(LogThrottle.PerDevice);

    private PendingState? _pendingState;
    private bool _applyingStates;
    private TripKey? _lastTrip;

    /// <summary>
    /// Leaves a state to be applied to the live view, replacing one still waiting (counted as superseded). True when
    /// nobody is applying this collector's states yet: the caller must start <see cref="TakePendingState"/>.
    /// </summary>
    internal bool OfferState(PendingState state)
    {
        lock (_budgetGate)
        {
            if (_pendingState is not null)
            {
                Interlocked.Increment(ref _superseded);
            }
            _pendingState = state;
            if (_applyingStates)
            {
                return false;
            }
            _applyingStates = true;
            return true;
        }
    }

    /// <summary>A newer state is applied another way: the waiting one is superseded (a running applier finds none).</summary>
    internal void DiscardPendingState()
    {
        lock (_budgetGate)
        {
            if (_pendingState is not null)
            {
                _pendingState = null;
                Interlocked.Increment(ref _superseded);
            }
        }
    }

    /// <summary>The newest waiting state, or null (and the applier stops) when there is none.</summary>
    internal PendingState? TakePendingState()
    {
        lock (_budgetGate)
        {
            var state = _pendingState;
            _pendingState = null;
            _applyingStates = state is not null;
            return state;
        }
    }

    /// <summary>
    /// The trip key of the last state taken from this collector, replaced by <paramref name="next"/>: trip boundaries
    /// are found in arrival order, before states are coalesced, so that none is lost when the live view skips states.
    /// </summary>
    internal TripKey? SwapTrip(TripKey? next)
    {
        lock (_budgetGate)
        {
            var previous = _lastTrip;
            _lastTrip = next;
            return previous;
        }
    }

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
            recent = _raw.ToArray();
        }
        return new Watcher(this, handler);
    }

    internal void Remember(DateTimeOffset at, TopicKind kind, ReadOnlySpan<byte> payload, string? rejection)
    {
        lock (_raw)
        {
            _raw.Add(at, kind, payload, rejection);
            Tell();
        }
    }

    /// <summary>Remembers a message known only by where it was sent (a refused topic).</summary>
    internal void Remember(DateTimeOffset at, string topic, string? rejection)
    {
        lock (_raw)
        {
            _raw.Add(at, topic, rejection);
            Tell();
        }
    }

    private void Tell()
    {
        if (_watchers.IsEmpty)
        {
            return;
        }
        var message = _raw.Newest();
        foreach (var watcher in _watchers)
        {
            watcher(message);
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

    private TokenBucket _records;

    /// <summary>
    /// Takes one row from the device's record budget; false when it is spent. One device flooding stats or events
    /// must not fill the queue all devices share (the writer would then hold up everyone's acknowledgements).
    /// </summary>
    internal bool TryTakeRecord(DateTimeOffset now, DeviceBudgetOptions budget)
    {
        if (budget.RecordsPerSecond <= 0)
        {
            return true;
        }
        lock (_budgetGate)
        {
            return _records.TryTake(now, budget.RecordsPerSecond, budget.RecordBurst, out _);
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
