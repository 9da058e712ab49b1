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
        public long Version;
        public string Node = "";
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
            slot.Version++;
            slot.Node = NodeId;
            changed = new ElevatorStateChanged(next, previous) { Version = slot.Version, Node = NodeId };
            Publish(slot.Handlers, changed);
            Publish(_allHandlers, changed);
        }
        return changed.State;
    }

    /// <summary>This node's id when several nodes share the devices (the cluster bus sets it); empty otherwise.</summary>
    public string NodeId { get; set; } = "";

    /// <summary>
    /// Applies a snapshot another node made, unless this node's is newer (a higher version, or the same version
    /// from a node whose id sorts later): concurrent updates on two nodes end on the same snapshot everywhere.
    /// </summary>
    public bool ApplyFromPeer(ElevatorLiveState state, long version, string node)
    {
        var slot = _slots.GetOrAdd(state.ElevatorId, static _ => new Slot());
        lock (slot)
        {
            if (version < slot.Version || version == slot.Version && !WinsTie(state, node, slot))
            {
                return false;
            }
            var previous = slot.State;
            slot.State = state;
            slot.Version = version;
            slot.Node = node;
            var changed = new ElevatorStateChanged(state, previous) { Version = version, Node = node, FromPeer = true };
            Publish(slot.Handlers, changed);
            Publish(_allHandlers, changed);
        }
        return true;
    }

    /// <summary>
    /// Two nodes made a snapshot of the same version at once: the later device state (its <c>seq</c>) wins, then the
    /// node whose id sorts last; both nodes decide alike.
    /// </summary>
    private static bool WinsTie(ElevatorLiveState state, string node, Slot slot)
    {
        var bySequence = (state.Sequence ?? -1).CompareTo(slot.State?.Sequence ?? -1);
        return bySequence != 0 ? bySequence > 0 : string.CompareOrdinal(node, slot.Node) > 0;
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
