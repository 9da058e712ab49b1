using System.Collections.Immutable;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TiLianBang.Core.Accounts;
using TiLianBang.Core.Data;
using TiLianBang.Core.Devices.LiveState;
using TiLianBang.Core.Monitoring;

namespace TiLianBang.Web.Features.Live;

/// <summary>
/// Status counts (区域监控) for live sockets, coalesced: whatever the traffic, the counts of a scope (the elevators
/// one company, region or the platform sees) are computed at most once per <see cref="LiveOptions.StatusCountsInterval"/>
/// for all sockets of that scope, and sent only when they changed. The hub's handler only bumps a counter.
/// </summary>
public sealed partial class StatusCountsFeed(
    IElevatorStateHub hub,
    IServiceScopeFactory scopes,
    TimeProvider clock,
    IOptions<LiveOptions> options,
    ILogger<StatusCountsFeed> logger) : BackgroundService
{
    private sealed class Group(CompanyScope scope, ClaimsPrincipal principal)
    {
        public CompanyScope Scope { get; } = scope;
        /// <summary>Any principal of this scope: the query filters read only the scope from it.</summary>
        public ClaimsPrincipal Principal { get; } = principal;
        public Task<int[]>? Loading;
        public int[]? ElevatorIds;
        public DateTimeOffset IdsReadAt;
        public long Version = -1;
        public StatusCounts? Last;
        public ImmutableArray<Action<StatusCounts>> Listeners = [];
    }

    private readonly Dictionary<CompanyScope, Group> _groups = [];
    private TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _version;
    private IDisposable? _hubSubscription;

    /// <summary>
    /// The counts of the elevators <paramref name="principal"/> sees now; <paramref name="listener"/> is then told
    /// of every change (from the feed's own loop, never the pipeline's thread) until the result is disposed.
    /// </summary>
    public async Task<(StatusCounts Snapshot, IDisposable Subscription)> SubscribeAsync(
        ClaimsPrincipal principal, Action<StatusCounts> listener, CancellationToken cancellationToken)
    {
        var scope = CompanyScope.FromPrincipal(principal);
        Group group;
        lock (_groups)
        {
            if (!_groups.TryGetValue(scope, out group!))
            {
                _groups[scope] = group = new Group(scope, principal);
            }
            group.Listeners = group.Listeners.Add(listener);
            _listening.TrySetResult();
        }
        var subscription = new Subscription(() => Unsubscribe(group, listener));
        try
        {
            var version = Interlocked.Read(ref _version);
            var ids = await ElevatorIdsAsync(group, cancellationToken);
            var counts = StatusCounts.Count(ids.Select(hub.Find));
            lock (_groups)
            {
                // A new scope's first tick must not repeat the snapshot just taken.
                if (group.Last is null)
                {
                    group.Last = counts;
                    group.Version = version;
                }
            }
            return (counts, subscription);
        }
        catch
        {
            subscription.Dispose();
            throw;
        }
    }

    private void Unsubscribe(Group group, Action<StatusCounts> listener)
    {
        lock (_groups)
        {
            group.Listeners = group.Listeners.Remove(listener);
            if (group.Listeners.IsEmpty && _groups.GetValueOrDefault(group.Scope) == group)
            {
                _groups.Remove(group.Scope);
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _hubSubscription = hub.SubscribeAll(_ => Interlocked.Increment(ref _version));
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                // No timer while nobody listens: an idle installation does no work, and a test clock moved on by
                // days does not have to fire a one-second timer for every second it skips.
                await ListenersAsync(stoppingToken);
                using var timer = new PeriodicTimer(options.Value.StatusCountsInterval, clock);
                while (await timer.WaitForNextTickAsync(stoppingToken))
                {
                    Group[] groups;
                    lock (_groups)
                    {
                        groups = [.. _groups.Values];
                    }
                    if (groups.Length == 0)
                    {
                        break;
                    }
                    foreach (var group in groups)
                    {
                        try
                        {
                            await PublishAsync(group, stoppingToken);
                        }
                        catch (Exception e) when (e is not OperationCanceledException)
                        {
                            LogCountFailed(logger, e);
                        }
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Completes once some socket listens to the counts (at once when one already does).</summary>
    private Task ListenersAsync(CancellationToken cancellationToken)
    {
        lock (_groups)
        {
            if (_groups.Count > 0)
            {
                return Task.CompletedTask;
            }
            if (_listening.Task.IsCompleted)
            {
                _listening = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
            return _listening.Task.WaitAsync(cancellationToken);
        }
    }

    private async Task PublishAsync(Group group, CancellationToken cancellationToken)
    {
        var version = Interlocked.Read(ref _version);
        var before = group.ElevatorIds;
        var ids = await ElevatorIdsAsync(group, cancellationToken);
        if (version == group.Version && ReferenceEquals(ids, before))
        {
            return;
        }
        group.Version = version;
        var counts = StatusCounts.Count(ids.Select(hub.Find));
        if (counts == group.Last)
        {
            return;
        }
        group.Last = counts;
        foreach (var listener in group.Listeners)
        {
            listener(counts);
        }
    }

    /// <summary>The elevators the group's scope sees, read again after <see cref="LiveOptions.ScopeRefreshInterval"/> (one read at a time).</summary>
    private Task<int[]> ElevatorIdsAsync(Group group, CancellationToken cancellationToken)
    {
        lock (group)
        {
            if (group.ElevatorIds is { } ids && clock.GetUtcNow() - group.IdsReadAt < options.Value.ScopeRefreshInterval)
            {
                return Task.FromResult(ids);
            }
            if (group.Loading is not { IsCompleted: false })
            {
                group.Loading = LoadElevatorIdsAsync(group);
            }
            return group.Loading.WaitAsync(cancellationToken);
        }
    }

    private async Task<int[]> LoadElevatorIdsAsync(Group group)
    {
        var now = clock.GetUtcNow();
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentActor>().SetUser(group.Principal, null);
        var read = await scope.ServiceProvider.GetRequiredService<TiLianBangDbContext>().Elevators
            .OrderBy(e => e.Id).Select(e => e.Id).ToArrayAsync();
        lock (group)
        {
            group.IdsReadAt = now;
            // Same elevators: keep the old array, so the loop does not count again for nothing.
            if (group.ElevatorIds is null || !group.ElevatorIds.AsSpan().SequenceEqual(read))
            {
                group.ElevatorIds = read;
            }
            return group.ElevatorIds;
        }
    }

    public override void Dispose()
    {
        _hubSubscription?.Dispose();
        base.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Live status counts could not be computed")]
    private static partial void LogCountFailed(ILogger logger, Exception exception);

    private sealed class Subscription(Action dispose) : IDisposable
    {
        private Action? _dispose = dispose;

        public void Dispose() => Interlocked.Exchange(ref _dispose, null)?.Invoke();
    }
}
