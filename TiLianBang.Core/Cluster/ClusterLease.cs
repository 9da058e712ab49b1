using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TiLianBang.Core.Accounts;
using TiLianBang.Core.Data;

namespace TiLianBang.Core.Cluster;

/// <summary>
/// Named leases in the database, so that a piece of recurring work runs on one node at a time however many nodes
/// trigger it. Taking or renewing a lease is one conditional statement (the row is taken when it is free, expired
/// or already ours), so two nodes can never both win; the holder renews it while the work runs, and a node that
/// dies simply stops renewing. One box takes the same leases: one way of doing it, for one statement per pass.
/// </summary>
public sealed partial class ClusterLease(
    IServiceScopeFactory scopes,
    TimeProvider clock,
    IOptions<ClusterOptions> options,
    ILogger<ClusterLease> logger)
{
    internal const string Table = "NodeLeases";

    /// <summary>This node in leases and claims: unique per process and per host (tests run two hosts in one process).</summary>
    public string Holder { get; } = $"{options.Value.NodeName ?? Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid().ToString("N")[..8]}";

    /// <summary>
    /// Runs <paramref name="work"/> only while holding the lease <paramref name="name"/>; returns false (without
    /// running it) when another node holds it. The lease is renewed every third of <paramref name="ttl"/>; if it is
    /// lost all the same (this node was cut off longer than the ttl) the work's token is cancelled.
    /// </summary>
    public async Task<bool> RunExclusiveAsync(string name, TimeSpan ttl, Func<CancellationToken, Task> work, CancellationToken cancellationToken)
    {
        if (!await TryAcquireAsync(name, ttl, cancellationToken))
        {
            LogBusy(logger, name);
            return false;
        }
        using var working = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var stopRenewing = new CancellationTokenSource();
        var renewing = KeepRenewedAsync(name, ttl, working, stopRenewing.Token);
        try
        {
            await work(working.Token);
            return true;
        }
        finally
        {
            await stopRenewing.CancelAsync();
            await renewing;
            await ReleaseAsync(name);
        }
    }

    /// <summary>Takes (or renews) the lease if it is free, expired or already this node's: one atomic statement.</summary>
    public async Task<bool> TryAcquireAsync(string name, TimeSpan ttl, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentActor>().SetSystem("system:lease");
        var db = scope.ServiceProvider.GetRequiredService<TiLianBangDbContext>();
        var now = clock.GetUtcNow().UtcDateTime;
        var expires = now + ttl;
        var changed = db.Database.IsSqlServer()
            ? await db.Database.ExecuteSqlInterpolatedAsync($"""
                MERGE [NodeLeases] WITH (HOLDLOCK) AS t
                USING (SELECT {name} AS [Name]) AS s ON t.[Name] = s.[Name]
                WHEN MATCHED AND (t.[Holder] = {Holder} OR t.[ExpiresAtUtc] <= {now})
                    THEN UPDATE SET [Holder] = {Holder}, [ExpiresAtUtc] = {expires}
                WHEN NOT MATCHED
                    THEN INSERT ([Name], [Holder], [ExpiresAtUtc]) VALUES ({name}, {Holder}, {expires});
                """, cancellationToken)
            : await db.Database.ExecuteSqlInterpolatedAsync($"""
                INSERT INTO "NodeLeases" ("Name", "Holder", "ExpiresAtUtc") VALUES ({name}, {Holder}, {expires})
                ON CONFLICT ("Name") DO UPDATE SET "Holder" = excluded."Holder", "ExpiresAtUtc" = excluded."ExpiresAtUtc"
                WHERE "NodeLeases"."Holder" = excluded."Holder" OR "NodeLeases"."ExpiresAtUtc" <= {now};
                """, cancellationToken);
        return changed == 1;
    }

    /// <summary>Gives the lease up at once (if it is still this node's), so the next trigger on any node may run.</summary>
    public async Task ReleaseAsync(string name)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentActor>().SetSystem("system:lease");
        var db = scope.ServiceProvider.GetRequiredService<TiLianBangDbContext>();
        var now = clock.GetUtcNow().UtcDateTime;
        // Not cancellable: a lease left held would block the work on every node until it expires.
        await db.Set<NodeLease>().Where(l => l.Name == name && l.Holder == Holder)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.ExpiresAtUtc, now), CancellationToken.None);
    }

    private async Task KeepRenewedAsync(string name, TimeSpan ttl, CancellationTokenSource working, CancellationToken stop)
    {
        try
        {
            using var timer = new PeriodicTimer(ttl / 3, clock);
            while (await timer.WaitForNextTickAsync(stop))
            {
                if (!await TryAcquireAsync(name, ttl, stop))
                {
                    LogLost(logger, name);
                    await working.CancelAsync();
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The lease may now expire and pass on: stop rather than risk two nodes doing the work.
            LogRenewFailed(logger, name, e);
            await working.CancelAsync();
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Lease {Name} is held by another node; skipping this run")]
    private static partial void LogBusy(ILogger logger, string name);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Lease {Name} was lost while its work ran; the work is cancelled")]
    private static partial void LogLost(ILogger logger, string name);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Lease {Name} could not be renewed; its work is cancelled")]
    private static partial void LogRenewFailed(ILogger logger, string name, Exception exception);
}
