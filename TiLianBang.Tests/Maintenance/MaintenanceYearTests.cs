using Microsoft.EntityFrameworkCore;
using TiLianBang.Core.Common;
using TiLianBang.Core.Demo;
using TiLianBang.Core.Elevators;
using TiLianBang.Core.Maintenance;
using TiLianBang.Tests.Infrastructure;

namespace TiLianBang.Tests.Maintenance;

/// <summary>
/// MNT-3 over a simulated year: the generation job, run weekly on the fake clock, gives each kind of elevator
/// exactly the visits TSG T5002 requires with the right item sets, and never a visit twice.
/// </summary>
public sealed class MaintenanceYearTests(NoBackgroundLoopsAppFactory app) : IClassFixture<NoBackgroundLoopsAppFactory>
{
    // 两江 (weibao2) maintains every third demo elevator and the demo leaves them unplanned.
    private static readonly (int Index, ElevatorVariety Variety, MaintenanceKind Kind)[] OneOfEachKind =
    [
        (3, ElevatorVariety.TractionPassenger, MaintenanceKind.Traction),
        (6, ElevatorVariety.HydraulicPassenger, MaintenanceKind.Hydraulic),
        (9, ElevatorVariety.Dumbwaiter, MaintenanceKind.Dumbwaiter),
        (12, ElevatorVariety.Escalator, MaintenanceKind.Escalator),
    ];

    [Fact]
    public async Task AYearOfGenerationGivesEachKindExactlyTheRequiredVisitsAndItemSetsAndNothingTwice()
    {
        var start = app.Clock.Today();
        var yearEnd = start.AddYears(1);
        var manager = await app.AccountIdAsync(DemoAccounts.OtherMaintenanceManager);
        var elevators = new List<(int Id, MaintenanceKind Kind)>();
        foreach (var (index, variety, kind) in OneOfEachKind)
        {
            var (id, _) = await app.ElevatorAsync(index);
            await app.AsSystemAsync(async (_, db) =>
            {
                var e = await db.Elevators.SingleAsync(x => x.Id == id);
                e.Variety = variety;
                return await db.SaveChangesAsync();
            });
            await app.PlanAsync(DemoAccounts.OtherMaintenanceManager, new MaintenancePlanInput(id, null, manager, MaintenanceMode.FixedCycle, start));
            elevators.Add((id, kind));
        }

        for (var day = 0; day <= 371; day += 7)
        {
            await app.GenerateAsync();
            app.Clock.Advance(TimeSpan.FromDays(7));
        }
        await app.GenerateAsync();
        var before = await CountAsync(elevators);
        await app.GenerateAsync();
        await app.GenerateAsync();
        Assert.Equal(before, await CountAsync(elevators));

        var regulation = await app.AsSystemAsync((_, db) => db.MaintenanceItems.AsNoTracking().Where(i => i.CompanyId == null).ToListAsync());
        foreach (var (id, kind) in elevators)
        {
            var visits = (await app.OrdersOfAsync(id)).Where(o => o.DueOn < yearEnd).ToList();

            // Every 15 days from the start, so never more than 15 days apart.
            var slots = (yearEnd.DayNumber - start.DayNumber + MaintenanceSchedule.HalfMonthlyDays - 1) / MaintenanceSchedule.HalfMonthlyDays;
            Assert.Equal(Enumerable.Range(0, slots).Select(k => start.AddDays(15 * k)), visits.Select(v => v.DueOn));
            Assert.All(visits.Zip(visits.Skip(1)), pair => Assert.True(pair.Second.DueOn.DayNumber - pair.First.DueOn.DayNumber <= 15));
            Assert.Equal(visits.Count, visits.Select(v => v.ScheduleKey).Distinct().Count());

            // Each quarter's end is served by one visit in the 15 days before it, of the highest cycle ending there.
            foreach (var months in new[] { 3, 6, 9, 12 })
            {
                var end = start.AddMonths(months);
                var serving = Assert.Single(visits, v => v.DueOn < end && v.DueOn >= end.AddDays(-15));
                var required = months == 12 ? MaintenancePeriod.Yearly : months == 6 ? MaintenancePeriod.HalfYearly : MaintenancePeriod.Quarterly;
                Assert.Equal(required, serving.Period);
            }
            Assert.Equal(visits.Count - 4, visits.Count(v => v.Period == MaintenancePeriod.HalfMonthly));

            // A visit carries its period's items and every earlier period's: a yearly visit all four tables.
            foreach (var visit in visits)
            {
                var expected = regulation.Where(i => i.Kind == kind && i.Period <= visit.Period)
                    .Select(i => (i.Period, i.Number, i.Name)).Order().ToList();
                Assert.Equal(expected, visit.Items.Select(i => (i.Period, i.Number, i.Name)).Order().ToList());
            }
        }
    }

    private Task<int> CountAsync(List<(int Id, MaintenanceKind Kind)> elevators)
    {
        var ids = elevators.Select(e => e.Id).ToList();
        return app.AsSystemAsync((_, db) => db.MaintenanceOrders.CountAsync(o => ids.Contains(o.ElevatorId)));
    }
}
