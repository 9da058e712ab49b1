using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TiLianBang.Core.Accounts;
using TiLianBang.Core.Data;
using TiLianBang.Core.Maintenance;

namespace TiLianBang.Benchmarks;

/// <summary>
/// maintenance --elevators N: plans every elevator (one in twenty on demand), then times the generation job's
/// first run (creates the next 30 days of orders with their items), a second run (finds everything done), and
/// the expiry-warning job, on the real SQLite file.
/// </summary>
internal static class MaintenanceBenchmark
{
    public static async Task<int> RunAsync(int elevators)
    {
        var data = Path.Combine(Path.GetTempPath(), "tlb-bench-maintenance-" + Guid.NewGuid().ToString("N")[..8]);
        await using var factory = new BenchmarkFactory(data, 0);
        _ = factory.Server;
        await Provisioning.EnsureCollectorsAsync(factory.Services, elevators);
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<CurrentActor>().SetSystem("benchmark");
            var db = scope.ServiceProvider.GetRequiredService<TiLianBangDbContext>();
            var today = DateOnly.FromDateTime(DateTime.Now);
            var planned = await db.MaintenancePlans.Select(p => p.ElevatorId).ToListAsync();
            var ids = await db.Elevators.Where(e => !planned.Contains(e.Id)).Select(e => e.Id).ToListAsync();
            db.MaintenancePlans.AddRange(ids.Select((id, n) => new MaintenancePlan
            {
                ElevatorId = id,
                Mode = n % 20 == 0 ? TiLianBang.Core.Maintenance.MaintenanceMode.OnDemand : TiLianBang.Core.Maintenance.MaintenanceMode.FixedCycle,
                StartDate = today.AddDays(-(n % 15)),
                UpdatedAtUtc = DateTime.UtcNow,
            }));
            await db.SaveChangesAsync();
        }
        var jobs = factory.Services.GetRequiredService<MaintenanceJobs>();
        var first = Stopwatch.StartNew();
        var created = await jobs.GenerateOrdersAsync(CancellationToken.None);
        first.Stop();
        var second = Stopwatch.StartNew();
        var again = await jobs.GenerateOrdersAsync(CancellationToken.None);
        second.Stop();
        var warn = Stopwatch.StartNew();
        var warnings = await jobs.SendExpiryWarningsAsync(CancellationToken.None);
        warn.Stop();
        var (orders, items) = await CountAsync(factory.Services);
        var size = new FileInfo(Path.Combine(data, "tilianbang.db")).Length / 1024.0 / 1024.0;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"elevators {elevators}: first run {first.ElapsedMilliseconds} ms ({created} orders, {orders} in table, {items} item rows), second run {second.ElapsedMilliseconds} ms ({again} changed), expiry warnings {warn.ElapsedMilliseconds} ms ({warnings} sent), database {size:0.0} MiB"));
        return 0;
    }

    private static async Task<(int Orders, int Items)> CountAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentActor>().SetSystem("benchmark");
        var db = scope.ServiceProvider.GetRequiredService<TiLianBangDbContext>();
        return (await db.MaintenanceOrders.CountAsync(), await db.MaintenanceOrderItems.CountAsync());
    }
}
