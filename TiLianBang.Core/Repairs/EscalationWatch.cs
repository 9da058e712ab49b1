using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using TiLianBang.Core.Accounts;

namespace TiLianBang.Core.Repairs;

/// <summary>Runs the 5级上报 pass every half minute on the configured clock.</summary>
public sealed class EscalationWatch(IServiceScopeFactory scopes, TimeProvider clock) : BackgroundService
{
    public static readonly TimeSpan CheckInterval = TimeSpan.FromSeconds(30);

    // One pass at a time in this process, so that overlapping passes never tell a level twice.
    private readonly SemaphoreSlim _pass = new(1, 1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(CheckInterval, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await RunOnceAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

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

    public override void Dispose()
    {
        _pass.Dispose();
        base.Dispose();
    }
}
