using Microsoft.Extensions.DependencyInjection;
using TiLianBang.Core.Accounts;

namespace TiLianBang.Core.Repairs;

/// <summary>One 5级上报 pass; the web host runs it as a minutely recurring (Hangfire) job.</summary>
public sealed class EscalationWatch(IServiceScopeFactory scopes) : IDisposable
{
    // Its own pass: overlapping passes would tell a level twice.
    private readonly SystemPass _pass = new(scopes);

    public Task<int> RunOnceAsync(CancellationToken cancellationToken) =>
        _pass.RunAsync("system:escalation", sp => sp.GetRequiredService<Escalation>().RunAsync(cancellationToken), cancellationToken);

    public void Dispose() => _pass.Dispose();
}
