using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TiLianBang.Core.Accounts;
using TiLianBang.Core.Common;
using TiLianBang.Core.Data;
using TiLianBang.Core.Health;

namespace TiLianBang.Benchmarks;

/// <summary>
/// health-checks --elevators N --landings L: the drift checks on a month of health data (issue 21) on the real SQLite
/// file — 31 days of 16 busy hours per elevator and 31 days of L landings, one elevator in a hundred with a worn
/// landing door yesterday. Times the hourly elevator check and the daily landing check (twice each: the second finds
/// its warnings raised already), with the managed memory each allocates, and prints the rows and the file size.
/// </summary>
internal static class HealthChecksBenchmark
{
    private const int Days = 31;
    private const int BusyHours = 16;

    public static async Task<int> RunAsync(int elevators, int landings)
    {
        var data = Path.Combine(Path.GetTempPath(), "tlb-bench-health-" + Guid.NewGuid().ToString("N")[..8]);
        await using var factory = new BenchmarkFactory(data, 0);
        _ = factory.Server;
        await Provisioning.EnsureCollectorsAsync(factory.Services, elevators);
        var clock = factory.Services.GetRequiredService<TimeProvider>();
        var seeding = Stopwatch.StartNew();
        var (hours, landingDays) = await SeedAsync(factory.Services, clock, landings);
        seeding.Stop();
        var size = new FileInfo(Path.Combine(data, "tilianbang.db")).Length / 1024.0 / 1024.0;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"elevators {elevators}, landings {landings}: {hours:N0} health hours and {landingDays:N0} landing days seeded in {seeding.Elapsed.TotalSeconds:0} s, database {size:0} MiB"));
        for (var run = 1; run <= 2; run++)
        {
            await TimeAsync(factory.Services, $"hourly elevator check, run {run}", e => e.RunAsync(CancellationToken.None));
            await TimeAsync(factory.Services, $"daily landing check, run {run}", e => e.RunLandingsAsync(CancellationToken.None));
        }
        return 0;
    }

    private static async Task TimeAsync(IServiceProvider services, string what, Func<HealthEvaluator, Task<int>> check)
    {
        await using var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentActor>().SetSystem("benchmark");
        var evaluator = scope.ServiceProvider.GetRequiredService<HealthEvaluator>();
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var watch = Stopwatch.StartNew();
        var raised = await check(evaluator);
        watch.Stop();
        var mib = (GC.GetTotalAllocatedBytes(precise: true) - allocated) / 1024.0 / 1024.0;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{what}: {watch.ElapsedMilliseconds} ms, {raised} warnings raised, {mib:0} MiB allocated"));
    }

    private static async Task<(long Hours, long LandingDays)> SeedAsync(IServiceProvider services, TimeProvider clock, int landings)
    {
        await using var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentActor>().SetSystem("benchmark");
        var db = scope.ServiceProvider.GetRequiredService<TiLianBangDbContext>();
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        var ids = await db.Elevators.OrderBy(e => e.Id).Select(e => e.Id).ToListAsync();
        var yesterday = clock.Today().AddDays(-1);
        var lastHour = HourAccumulator.HourOf(clock.GetUtcNow());
        var random = new Random(21);
        long hours = 0, landingDays = 0;
        foreach (var chunk in ids.Chunk(100))
        {
            foreach (var (id, n) in chunk.Select(id => (id, ids.IndexOf(id))))
            {
                for (var day = 0; day < Days; day++)
                {
                    for (var h = 0; h < BusyHours; h++)
                    {
                        var closing = 3_000 + random.Next(100);
                        db.ElevatorHealthHours.Add(new ElevatorHealthHour
                        {
                            ElevatorId = id, HourUtc = lastHour.AddDays(-day).AddHours(-h - 1), DoorCycles = 30,
                            DoorOpening = new() { Count = 30, SumMs = 30 * 2_500, P95Ms = 2_700 },
                            DoorDwell = new() { Count = 30, SumMs = 30 * 4_000, P95Ms = 4_000 },
                            DoorClosing = new() { Count = 30, SumMs = 30L * closing, P95Ms = closing + 200 },
                            Trips = 30, FloorsTravelled = 90, TripPerFloor = new() { Count = 30, SumMs = 30 * 2_000, P95Ms = 2_100 }, Stops = 30,
                        });
                        hours++;
                    }
                    for (var landing = 1; landing <= landings; landing++)
                    {
                        var worn = n % 100 == 1 && landing == 2 && day == 0;
                        var closing = worn ? 4_500 : 3_000 + random.Next(100);
                        db.ElevatorLandingDays.Add(new ElevatorLandingDay
                        {
                            ElevatorId = id, Day = yesterday.AddDays(-day), Landing = landing, DoorCycles = 40, ClosingCount = 40, ClosingSumMs = 40L * closing,
                            OpeningCount = 40, OpeningSumMs = 40 * 2_500, Stops = 40,
                        });
                        landingDays++;
                    }
                }
            }
            await db.SaveChangesAsync();
            db.ChangeTracker.Clear();
        }
        return (hours, landingDays);
    }
}
