using Microsoft.Extensions.DependencyInjection;
using TiLianBang.Core.Accounts;

namespace TiLianBang.Core.Health;

/// <summary>
/// The health work the web host schedules with Hangfire: the hourly drift check and the daily one of each landing,
/// each once across nodes.
/// </summary>
public sealed class HealthJobs(IServiceScopeFactory scopes) : IDisposable
{
    private readonly SystemPass _pass = new(scopes);

    public Task<int> EvaluateAsync(CancellationToken cancellationToken) =>
        _pass.RunAsync("system:health-evaluation", sp => sp.GetRequiredService<HealthEvaluator>().RunAsync(cancellationToken), cancellationToken);

    public Task<int> EvaluateLandingsAsync(CancellationToken cancellationToken) =>
        _pass.RunAsync("system:health-evaluation", sp => sp.GetRequiredService<HealthEvaluator>().RunLandingsAsync(cancellationToken), cancellationToken);

    public void Dispose() => _pass.Dispose();
}
