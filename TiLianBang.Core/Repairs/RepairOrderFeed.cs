using System.Collections.Immutable;

namespace TiLianBang.Core.Repairs;

/// <summary>
/// In-process news of repair orders (created, repeated, moved on) for live pages such as 故障接警. Subscribers
/// re-read what they show through their own scoped queries, so company scoping still applies.
/// </summary>
public sealed class RepairOrderFeed
{
    private ImmutableArray<Action<RepairOrderChanged>> _handlers = [];

    public IDisposable Subscribe(Action<RepairOrderChanged> handler)
    {
        ImmutableInterlocked.Update(ref _handlers, static (list, h) => list.Add(h), handler);
        return new Subscription(() => ImmutableInterlocked.Update(ref _handlers, static (list, h) => list.Remove(h), handler));
    }

    /// <summary>A change another platform node made (several nodes behind one broker): told here, never passed back.</summary>
    public void PublishFromPeer(RepairOrderChanged change) => Publish(change with { FromPeer = true });

    internal void Publish(RepairOrderChanged change)
    {
        foreach (var handler in _handlers)
        {
            handler(change);
        }
    }

    private sealed class Subscription(Action dispose) : IDisposable
    {
        private Action? _dispose = dispose;

        public void Dispose() => Interlocked.Exchange(ref _dispose, null)?.Invoke();
    }
}

/// <summary>One repair order changed; <see cref="Created"/> when it is new.</summary>
public sealed record RepairOrderChanged(int OrderId, int ElevatorId, RepairOrderState State, bool PassengersTrapped, bool Created)
{
    /// <summary>Made on another node and told here by the cluster bus.</summary>
    public bool FromPeer { get; init; }
}
