using Microsoft.Extensions.DependencyInjection;
using TiLianBang.Core.Accounts;

namespace TiLianBang.Core.Repairs;

/// <summary>One 5级上报 pass; the web host runs it as a minutely recurring (Hangfire) job.</summary>
public sealed class EscalationWatch(IServiceScopeFactory scopes) : IDisposable
{
    // One pass at a time in this process, so that overlapping passes never tell a level twice.
    private readonly SemaphoreSlim _pass = new(1, 1);

    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        await _pass.WaitAsync(cancellationToken);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<CurrentActor>().SetSystem("system:escalation");
            return await scope.ServiceProvider.GetRequiredService<Escalation>().RunAsync(cancellationToken);
        }
        finally
        {
            _pass.Release();
        }
    }

    public void Dispose() => _pass.Dispose();
}
