using Microsoft.Extensions.DependencyInjection;
using TiLianBang.Core.Cluster;

namespace TiLianBang.Core.Accounts;

/// <summary>
/// One background pass at a time, in its own DI scope acting as the system under a name that the operation log
/// shows. Scheduled jobs (5级上报, maintenance generation, expiry warnings) run through it. In this process passes
/// take turns; across the nodes sharing the database each pass holds the <see cref="ClusterLease"/> of its name, and
/// a node whose trigger finds it taken does nothing (returns 0): the holder is doing that very work right now.
/// </summary>
public sealed class SystemPass(IServiceScopeFactory scopes) : IDisposable
{
    /// <summary>Long enough for a slow pass between renewals (every third of it); a dead holder blocks no longer.</summary>
    public static readonly TimeSpan LeaseTime = TimeSpan.FromMinutes(3);

    private readonly SemaphoreSlim _pass = new(1, 1);

    public async Task<int> RunAsync(string name, Func<IServiceProvider, Task<int>> work, CancellationToken cancellationToken)
    {
        await _pass.WaitAsync(cancellationToken);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<CurrentActor>().SetSystem(name);
            var result = 0;
            await scope.ServiceProvider.GetRequiredService<ClusterLease>()
                .RunExclusiveAsync(name, LeaseTime, async _ => result = await work(scope.ServiceProvider), cancellationToken);
            return result;
        }
        finally
        {
            _pass.Release();
        }
    }

    public void Dispose() => _pass.Dispose();
}
