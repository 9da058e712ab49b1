namespace TiLianBang.Web.Simulation;

/// <summary>
/// Brings simulated collectors back after they lost their connection, but only once no other connection holds
/// their id: after a takeover (a person with mosquitto_pub as the README shows, or a real collector) the simulator
/// waits for that connection to go instead of taking the id back, which would only start a tug of war. Attempts
/// that fail back off, doubling up to <see cref="MaxDelay"/>; all waiting runs on the given clock.
/// </summary>
public sealed class CollectorReconnect(Func<string, CancellationToken, Task<bool>> idInUse, TimeProvider clock)
{
    /// <summary>How long a collector waits after losing its connection, and how often it looks while its id is taken.</summary>
    public static readonly TimeSpan FirstDelay = TimeSpan.FromSeconds(2);

    public static readonly TimeSpan MaxDelay = TimeSpan.FromMinutes(1);

    private readonly Dictionary<string, (DateTimeOffset Due, TimeSpan Delay)> _waiting = new(StringComparer.Ordinal);

    /// <summary>
    /// For a collector found without a connection: reconnects it when its wait is over and its id is free. True
    /// once it is connected again; false while it waits; a failed attempt throws after scheduling the next one.
    /// </summary>
    public async Task<bool> TryAsync(SimulatedCollector collector, CancellationToken cancellationToken)
    {
        var id = collector.DeviceId;
        var now = clock.GetUtcNow();
        if (!_waiting.TryGetValue(id, out var wait))
        {
            _waiting[id] = (now + FirstDelay, FirstDelay);
            return false;
        }
        if (now < wait.Due)
        {
            return false;
        }
        // Asking the broker costs nothing, so a taken id is looked at again soon without growing the back-off:
        // the collector is back within FirstDelay of the other connection going.
        if (await idInUse(id, cancellationToken))
        {
            _waiting[id] = (now + FirstDelay, wait.Delay);
            return false;
        }
        try
        {
            await collector.ReconnectAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var next = wait.Delay * 2 < MaxDelay ? wait.Delay * 2 : MaxDelay;
            _waiting[id] = (now + next, next);
            throw;
        }
        _waiting.Remove(id);
        return true;
    }

    /// <summary>When the collector's next attempt is due (null when it is not waiting).</summary>
    public DateTimeOffset? NextAttempt(string deviceId) => _waiting.TryGetValue(deviceId, out var wait) ? wait.Due : null;
}
