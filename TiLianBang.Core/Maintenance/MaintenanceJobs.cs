using Microsoft.Extensions.DependencyInjection;
using TiLianBang.Core.Accounts;

namespace TiLianBang.Core.Maintenance;

/// <summary>The maintenance work the web host schedules with Hangfire: order generation (MNT-3/4) and expiry warnings (MNT-7).</summary>
public sealed class MaintenanceJobs(IServiceScopeFactory scopes) : IDisposable
{
    // One pass for both: warnings read the orders that generation writes.
    private readonly SystemPass _pass = new(scopes);

    public Task<int> GenerateOrdersAsync(CancellationToken cancellationToken) =>
        _pass.RunAsync("system:maintenance-generation", sp => sp.GetRequiredService<MaintenanceGeneration>().RunAsync(cancellationToken), cancellationToken);

    /// <summary>Elevator dates and overdue visits, then workers' operator certificates; returns the warnings sent.</summary>
    public Task<int> SendExpiryWarningsAsync(CancellationToken cancellationToken) =>
        _pass.RunAsync("system:expiry-warnings", async sp =>
            await sp.GetRequiredService<ExpiryWarnings>().RunAsync(cancellationToken)
            + await sp.GetRequiredService<CertificateExpiryWarnings>().RunAsync(cancellationToken), cancellationToken);

    public void Dispose() => _pass.Dispose();
}
