using Microsoft.EntityFrameworkCore;
using TiLianBang.Core.Accounts;
using TiLianBang.Core.Data;

namespace TiLianBang.Web.Features.Live;

/// <summary>
/// The subscriptions of one socket: an elevator's live state, the status counts, or a device's raw messages.
/// Each is checked against the caller's permissions and company scope (the DbContext's query filters) before it
/// starts; something outside the scope gets the same answer as something that does not exist.
/// </summary>
internal sealed class LiveSubscriptions(LiveSession session, LiveSessionServices services) : IDisposable
{
    public const string StatusCountsTopic = "status-counts";

    // Touched only by the socket's receive loop, then disposed once it has ended.
    private readonly Dictionary<string, IDisposable> _active = new(StringComparer.Ordinal);

    public int Count => _active.Count;

    public async Task SubscribeAsync(LiveClientFrame frame, LiveIdentity identity, CancellationToken cancellationToken)
    {
        if (Target(frame) is not { } target)
        {
            session.Send(new LiveErrorFrame(LiveErrorCodes.BadSubscription,
                "Name exactly one of elevatorId, deviceId or topic \"status-counts\"."));
            return;
        }
        var replaced = _active.Remove(target.Key, out var previous);
        previous?.Dispose();
        if (!replaced && _active.Count >= services.Options.Value.MaxSubscriptionsPerSocket)
        {
            session.Send(new LiveErrorFrame(LiveErrorCodes.TooManySubscriptions,
                $"A socket holds at most {services.Options.Value.MaxSubscriptionsPerSocket} subscriptions; unsubscribe first."));
            return;
        }
        var subscription = target switch
        {
            { ElevatorId: { } elevatorId } => await ElevatorAsync(elevatorId, target.Key, identity, cancellationToken),
            { DeviceId: { } deviceId } => await DeviceAsync(deviceId, identity, cancellationToken),
            _ => await StatusCountsAsync(target.Key, identity, cancellationToken),
        };
        if (subscription is not null)
        {
            _active[target.Key] = subscription;
        }
    }

    public void Unsubscribe(LiveClientFrame frame)
    {
        if (Target(frame) is not { } target)
        {
            session.Send(new LiveErrorFrame(LiveErrorCodes.BadSubscription,
                "Name exactly one of elevatorId, deviceId or topic \"status-counts\"."));
            return;
        }
        if (_active.Remove(target.Key, out var subscription))
        {
            subscription.Dispose();
        }
        // Idempotent: unsubscribing from nothing is no error.
        session.Send(new LiveUnsubscribedFrame(target.Topic, target.ElevatorId, target.DeviceId));
    }

    private async Task<IDisposable?> ElevatorAsync(int elevatorId, string key, LiveIdentity identity, CancellationToken cancellationToken)
    {
        if (!HasPermission(identity, Permissions.MonitorArea))
        {
            return null;
        }
        var visible = await InScopeAsync(identity, db => db.Elevators.AnyAsync(e => e.Id == elevatorId, cancellationToken));
        if (!visible)
        {
            session.Send(new LiveErrorFrame(LiveErrorCodes.NotFound, $"Elevator {elevatorId} does not exist or is not visible to you."));
            return null;
        }
        var hub = services.Hub;
        // The snapshot is taken under the same lock the handler takes, so a change published meanwhile is sent after
        // it, never before (the hub sets the new state before it calls handlers).
        var gate = new object();
        var subscription = hub.Subscribe(elevatorId, change =>
        {
            lock (gate)
            {
                session.SendLatest(key, new LiveElevatorStateFrame(elevatorId, change.State));
            }
        });
        lock (gate)
        {
            session.SendLatest(key, new LiveElevatorStateFrame(elevatorId, hub.Find(elevatorId)));
        }
        return subscription;
    }

    private async Task<IDisposable?> StatusCountsAsync(string key, LiveIdentity identity, CancellationToken cancellationToken)
    {
        if (!HasPermission(identity, Permissions.MonitorArea))
        {
            return null;
        }
        var clock = services.Clock;
        var (snapshot, subscription) = await services.StatusCounts.SubscribeAsync(identity.Principal,
            counts => session.SendLatest(key, new LiveStatusCountsFrame(counts, clock.GetUtcNow())), cancellationToken);
        // Sent after subscribing: a change meanwhile comes in a later frame and replaces this one if still pending.
        session.SendLatest(key, new LiveStatusCountsFrame(snapshot, clock.GetUtcNow()));
        return subscription;
    }

    private async Task<IDisposable?> DeviceAsync(string requested, LiveIdentity identity, CancellationToken cancellationToken)
    {
        if (!HasPermission(identity, Permissions.DeviceDebug))
        {
            return null;
        }
        // A collector is named by its client id or its IMEI, as in the device-debugging API.
        var deviceId = requested.Length > 64
            ? null
            : await InScopeAsync(identity, db => db.Devices
                .Where(d => d.DeviceId == requested || d.Imei == requested)
                .Select(d => d.DeviceId)
                .FirstOrDefaultAsync(cancellationToken));
        if (deviceId is null)
        {
            session.Send(new LiveErrorFrame(LiveErrorCodes.NotFound, "The device does not exist or is not visible to you."));
            return null;
        }
        var subscription = services.Devices.Watch(deviceId,
            message => session.Send(new LiveDeviceMessagesFrame(deviceId, [LiveDeviceMessage.From(message)])),
            out var recent);
        session.Send(new LiveDeviceMessagesFrame(deviceId, [.. recent.Select(LiveDeviceMessage.From)]));
        return subscription;
    }

    private bool HasPermission(LiveIdentity identity, string permission)
    {
        if (identity.Principal.HasClaim(AccountClaimTypes.Permission, permission))
        {
            return true;
        }
        session.Send(new LiveErrorFrame(LiveErrorCodes.Forbidden, $"This subscription needs the permission {permission}."));
        return false;
    }

    private async Task<T> InScopeAsync<T>(LiveIdentity identity, Func<TiLianBangDbContext, Task<T>> query)
    {
        await using var scope = services.Scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentActor>().SetUser(identity.Principal, session.RemoteAddress);
        return await query(scope.ServiceProvider.GetRequiredService<TiLianBangDbContext>());
    }

    private static LiveTarget? Target(LiveClientFrame frame) => frame switch
    {
        { ElevatorId: { } id, DeviceId: null, Topic: null or "elevator" } => new LiveTarget("elevator", id, null),
        { DeviceId: { Length: > 0 } id, ElevatorId: null, Topic: null or "device" } => new LiveTarget("device", null, id),
        { Topic: StatusCountsTopic, ElevatorId: null, DeviceId: null } => new LiveTarget(StatusCountsTopic, null, null),
        _ => null,
    };

    public void Dispose()
    {
        foreach (var subscription in _active.Values)
        {
            subscription.Dispose();
        }
        _active.Clear();
    }

    private sealed record LiveTarget(string Topic, int? ElevatorId, string? DeviceId)
    {
        public string Key => $"{Topic}:{ElevatorId}{DeviceId}";
    }
}
