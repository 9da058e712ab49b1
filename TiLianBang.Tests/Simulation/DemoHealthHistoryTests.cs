using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TiLianBang.Core.Data;
using TiLianBang.Core.Health;
using TiLianBang.Tests.Infrastructure;
using TiLianBang.Web.Simulation;

namespace TiLianBang.Tests.Simulation;

/// <summary>
/// Issue 21.6: the demo's first start writes the simulated elevators' past month, so that the first drift checks show
/// what the simulator does now — the worn cars' doors for the elevator as a whole, the worn landing doors per landing,
/// and nothing for the others.
/// </summary>
public sealed class DemoHealthHistoryTests(NoBackgroundLoopsAppFactory app) : IClassFixture<NoBackgroundLoopsAppFactory>
{
    [Fact]
    public async Task TheFirstChecksWarnOfTheWornCarsAsAWholeAndOfTheWornLandingDoorsByLanding()
    {
        var wear = new SimulatedWear();
        var elevators = await app.AsSystemAsync(async (_, db) => (await db.Elevators.OrderBy(e => e.Id).Take(12).Select(e => new { e.Id, e.Floors }).ToListAsync())
            .Select((e, i) => DemoHealthHistory.Elevator.Of(i, e.Id, e.Floors, wear)).ToList());
        Assert.Equal([0, 10], elevators.Select((e, i) => (e, i)).Where(x => x.e.Wear is not null).Select(x => x.i));
        Assert.Equal([1, 11], elevators.Select((e, i) => (e, i)).Where(x => x.e.WornLandingDoor is not null).Select(x => x.i));

        var rows = await app.AsSystemAsync((_, db) => DemoHealthHistory.SeedAsync(db, elevators, app.Clock.GetUtcNow(), app.Clock, CancellationToken.None));
        Assert.True(rows > 0);
        // Written once: a database that has health hours is left alone.
        Assert.Equal(0, await app.AsSystemAsync((_, db) => DemoHealthHistory.SeedAsync(db, elevators, app.Clock.GetUtcNow(), app.Clock, CancellationToken.None)));
        await app.AsSystemAsync((sp, _) => sp.GetRequiredService<HealthEvaluator>().RunAsync(CancellationToken.None));
        await app.AsSystemAsync((sp, _) => sp.GetRequiredService<HealthEvaluator>().RunLandingsAsync(CancellationToken.None));

        var ids = elevators.Select(e => e.ElevatorId).ToList();
        var warnings = await app.AsSystemAsync((_, db) => db.HealthWarnings.AsNoTracking().Where(w => ids.Contains(w.ElevatorId))
            .Select(w => new { w.ElevatorId, w.Metric, w.Landing }).ToListAsync());
        HealthMetric[] doors = [HealthMetric.DoorClosingTime, HealthMetric.DoorOpeningTime];
        foreach (var worn in new[] { elevators[0], elevators[10] })
        {
            Assert.Superset(doors.ToHashSet(), warnings.Where(w => w.ElevatorId == worn.ElevatorId && w.Landing is null).Select(w => w.Metric).ToHashSet());
            Assert.DoesNotContain(warnings, w => w.ElevatorId == worn.ElevatorId && w.Landing is not null);
        }
        foreach (var landingWorn in new[] { elevators[1], elevators[11] })
        {
            Assert.Equal(doors.Select(m => (m, (int?)2)).Order(),
                warnings.Where(w => w.ElevatorId == landingWorn.ElevatorId).Select(w => (w.Metric, w.Landing)).Order());
        }
        var others = elevators.Where((_, i) => i is not (0 or 1 or 10 or 11)).Select(e => e.ElevatorId).ToList();
        Assert.DoesNotContain(warnings, w => others.Contains(w.ElevatorId));
    }
}
