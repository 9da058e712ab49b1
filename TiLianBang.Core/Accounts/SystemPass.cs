using Microsoft.Extensions.DependencyInjection;

namespace TiLianBang.Core.Accounts;

/// <summary>
/// One background pass at a time in this process, in its own DI scope acting as the system under a name that the
/// operation log shows. Scheduled jobs (5级上报, maintenance generation, expiry warnings) run through it, so
/// overlapping triggers never do the same work twice; unique keys in the database guard against other processes.
/// </summary>
public sealed class SystemPass(IServiceScopeFactory scopes) : IDisposable
{
    private readonly SemaphoreSlim _pass = new(1, 1);

    public async Task<T> RunAsync<T>(string name, Func<IServiceProvider, Task<T>> work, CancellationToken cancellationToken)
    {
        await _pass.WaitAsync(cancellationToken);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<CurrentActor>().SetSystem(name);
            return await work(scope.ServiceProvider);
        }
        finally
        {
            _pass.Release();
        }
    }

    public void Dispose() => _pass.Dispose();
}
