using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TiLianBang.Core.Demo;
using TiLianBang.Core.Maintenance;
using TiLianBang.Core.Organizations;
using TiLianBang.Tests.Infrastructure;

namespace TiLianBang.Tests.Demo;

public sealed class DemoSeedTests(TiLianBangAppFactory app) : IClassFixture<TiLianBangAppFactory>
{
    [Fact]
    public async Task StartupSeedsOneBelievableInstallation()
    {
        var (companies, kinds, elevators, communities, accounts) = await app.AsSystemAsync(async (_, db) => (
            await db.Companies.CountAsync(),
            await db.Companies.Select(c => c.Kind).Distinct().CountAsync(),
            await db.Elevators.CountAsync(),
            await db.Communities.ToListAsync(),
            await db.Users.Select(u => u.UserName).ToListAsync()));

        Assert.Equal(8, companies);
        Assert.Equal(Enum.GetValues<CompanyKind>().Length, kinds);
        Assert.Equal(DemoSeeder.ElevatorCount, elevators);
        Assert.All(communities, c =>
        {
            Assert.InRange(c.Latitude, 29.3, 29.9);
            Assert.InRange(c.Longitude, 106.2, 106.8);
        });
        Assert.Contains(DemoAccounts.Supervisor, accounts);
        Assert.Contains(DemoAccounts.PlatformAdmin, accounts);
    }

    [Fact]
    public async Task SeedingAgainChangesNothing()
    {
        var seededAgain = await app.AsSystemAsync((services, _) => services.GetRequiredService<DemoSeeder>().SeedAsync(default));

        var elevators = await app.AsSystemAsync((_, db) => db.Elevators.CountAsync());
        Assert.False(seededAgain);
        Assert.Equal(DemoSeeder.ElevatorCount, elevators);
    }

    [Fact]
    public async Task TheDemoHasMaintenancePlansComingVisitsAndSomeFinishedOnesOnce()
    {
        var (plans, pending, finished) = await app.AsSystemAsync(async (_, db) => (
            await db.MaintenancePlans.CountAsync(),
            await db.MaintenanceOrders.CountAsync(o => o.State == MaintenanceOrderState.Pending),
            await db.MaintenanceOrders.CountAsync(o => o.State >= MaintenanceOrderState.Submitted)));
        await app.AsSystemAsync(async (services, _) =>
        {
            await services.GetRequiredService<DemoSeeder>().SeedMaintenanceHistoryAsync(services.GetRequiredService<MaintenanceItems>(), default);
            return 0;
        });
        var finishedAfter = await app.AsSystemAsync((_, db) => db.MaintenanceOrders.CountAsync(o => o.State >= MaintenanceOrderState.Submitted));

        Assert.Equal(40, plans);
        Assert.True(pending >= plans);
        Assert.Equal(6, finished);
        Assert.Equal(finished, finishedAfter);
    }
}
