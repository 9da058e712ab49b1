using Microsoft.Extensions.DependencyInjection;
using TiLianBang.Core.Accounts;

namespace TiLianBang.Core.Maintenance;

/// <summary>The maintenance work the web host schedules with Hangfire: order generation (MNT-3/4) and expiry warnings (MNT-7).</summary>
public sealed class MaintenanceJobs(IServiceScopeFactory scopes) : IDisposable
{
    // One pass at a time in this process; the unique keys guard against another process.
    private readonly SemaphoreSlim _pass = new(1, 1);

    public Task<int> GenerateOrdersAsync(CancellationToken cancellationToken) =>
        RunAsync("system:maintenance-generation", sp => sp.GetRequiredService<MaintenanceGeneration>().RunAsync(cancellationToken), cancellationToken);

    public Task<int> SendExpiryWarningsAsync(CancellationToken cancellationToken) =>
        RunAsync("system:expiry-warnings", sp => sp.GetRequiredService<ExpiryWarnings>().RunAsync(cancellationToken), cancellationToken);

    private async Task<int> RunAsync(string name, Func<IServiceProvider, Task<int>> work, CancellationToken cancellationToken)
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
