using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.Extensions.Logging;

namespace TiLianBang.Core.Devices.LiveState;

/// <summary>
/// Holds the live state of every elevator and tells subscribers of each new snapshot. Updates of one elevator
/// are serialised so that subscribers see its snapshots in order.
/// </summary>
public sealed partial class ElevatorStateHub(ILogger<ElevatorStateHub> logger) : IElevatorStateHub
{
    private sealed class Slot
    {
        public ElevatorLiveState? State;
        public ImmutableArray<Action<ElevatorStateChanged>> Handlers = [];
    }

    private readonly ConcurrentDictionary<int, Slot> _slots = new();
    private ImmutableArray<Action<ElevatorStateChanged>> _allHandlers = [];

    public IReadOnlyCollection<ElevatorLiveState> All =>
        _slots.Values.Select(s => s.State).OfType<ElevatorLiveState>().ToList();

    public ElevatorLiveState? Find(int elevatorId) => _slots.TryGetValue(elevatorId, out var slot) ? slot.State : null;

    /// <summary>
    /// Applies <paramref name="change"/> to the elevator's snapshot (a fresh one when it has none) and publishes
    /// the result, unless the change returns the same snapshot.
    /// </summary>
    public ElevatorLiveState Update(int elevatorId, string deviceId, Func<ElevatorLiveState, ElevatorLiveState> change)
    {
        var slot = _slots.GetOrAdd(elevatorId, static _ => new Slot());
        ElevatorStateChanged changed;
        lock (slot)
        {
            var previous = slot.State;
            var current = previous is not null && previous.DeviceId == deviceId
                ? previous
                : new ElevatorLiveState { ElevatorId = elevatorId, DeviceId = deviceId };
            var next = change(current);
            if (ReferenceEquals(next, previous))
            {
                return next;
            }
            slot.State = next;
            changed = new ElevatorStateChanged(next, previous);
            Publish(slot.Handlers, changed);
            Publish(_allHandlers, changed);
        }
        return changed.State;
    }

    public IDisposable Subscribe(int elevatorId, Action<ElevatorStateChanged> handler)
    {
        var slot = _slots.GetOrAdd(elevatorId, static _ => new Slot());
        ImmutableInterlocked.Update(ref slot.Handlers, static (list, h) => list.Add(h), handler);
        return new Subscription(() => ImmutableInterlocked.Update(ref slot.Handlers, static (list, h) => list.Remove(h), handler));
    }

    public IDisposable SubscribeAll(Action<ElevatorStateChanged> handler)
    {
        ImmutableInterlocked.Update(ref _allHandlers, static (list, h) => list.Add(h), handler);
        return new Subscription(() => ImmutableInterlocked.Update(ref _allHandlers, static (list, h) => list.Remove(h), handler));
    }

    private void Publish(ImmutableArray<Action<ElevatorStateChanged>> handlers, ElevatorStateChanged changed)
    {
        foreach (var handler in handlers)
        {
            try
            {
                handler(changed);
            }
            catch (Exception e)
            {
                // One broken page must not stop the pipeline or the other subscribers.
                LogHandlerFailed(logger, e, changed.State.ElevatorId);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A live-state subscriber failed for elevator {ElevatorId}")]
    private static partial void LogHandlerFailed(ILogger logger, Exception exception, int elevatorId);

    private sealed class Subscription(Action dispose) : IDisposable
    {
        private Action? _dispose = dispose;

        public void Dispose() => Interlocked.Exchange(ref _dispose, null)?.Invoke();
    }
}
