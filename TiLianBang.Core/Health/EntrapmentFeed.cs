using System.Collections.Immutable;

namespace TiLianBang.Core.Health;

/// <summary>
/// In-process news of suspected entrapments (raised, decided) for the alarm desk. Subscribers re-read what they show
/// through their own scoped queries, so company scoping still applies.
/// </summary>
public sealed class EntrapmentFeed
{
    private ImmutableArray<Action<EntrapmentChanged>> _handlers = [];

    public IDisposable Subscribe(Action<EntrapmentChanged> handler)
    {
        ImmutableInterlocked.Update(ref _handlers, static (list, h) => list.Add(h), handler);
        return new Subscription(() => ImmutableInterlocked.Update(ref _handlers, static (list, h) => list.Remove(h), handler));
    }

    internal void Publish(EntrapmentChanged change)
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

/// <summary>A suspected entrapment was raised (<see cref="Raised"/>) or decided.</summary>
public sealed record EntrapmentChanged(int Id, int ElevatorId, SuspectedEntrapmentStatus Status, bool Raised);
