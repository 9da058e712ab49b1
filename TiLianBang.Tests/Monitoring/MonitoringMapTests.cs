using Microsoft.Extensions.DependencyInjection;
using TiLianBang.Core.Demo;
using TiLianBang.Core.Monitoring;
using TiLianBang.Tests.Infrastructure;

namespace TiLianBang.Tests.Monitoring;

/// <summary>
/// 地图监控 shows only places with the caller's elevators. Demo: 60 elevators CQ0001–CQ0060 dealt round-robin to 8
/// communities (CQn in community (n−1) mod 8); 山城物业 (wuye) uses communities 0, 2, 4, 6; 渝安 (weibao) maintains CQn
/// unless n is a multiple of 3.
/// </summary>
public sealed class MonitoringMapTests(TiLianBangAppFactory app) : IClassFixture<TiLianBangAppFactory>
{
    private async Task<IReadOnlyList<MapPlace>> PlacesOfAsync(string userName)
    {
        await using var scope = await app.ScopeAsAsync(userName);
        return await scope.ServiceProvider.GetRequiredService<MonitoringMap>().PlacesAsync(CancellationToken.None);
    }

    [Fact]
    public async Task APropertyCompanySeesOnlyTheCommunitiesItUses()
    {
        var places = await PlacesOfAsync(DemoAccounts.UserUnitManager);

        Assert.Equal(["两江·悦府", "北滨·江景苑", "南坪·南山郡", "金开·锦绣华庭"], places.Select(p => p.Name).Order(StringComparer.Ordinal));
        // Communities 0 and 2 hold 8 elevators each (60 = 7·8 + 4), 4 and 6 hold 7.
        Assert.Equal(30, places.Sum(p => p.Elevators.Count));
        Assert.All(places, p => Assert.All(p.Elevators, e => Assert.Equal(p.Id, e.PlaceId)));
    }

    [Fact]
    public async Task AMaintenanceCompanySeesEveryCommunityButOnlyTheCarsItMaintains()
    {
        var places = await PlacesOfAsync(DemoAccounts.MaintenanceManager);

        Assert.Equal(8, places.Count);
        Assert.Equal(40, places.Sum(p => p.Elevators.Count));
        var jinkai = places.Single(p => p.Name == "金开·锦绣华庭");
        // Community 0 holds CQ0001, 0009, 0017, 0025, 0033, 0041, 0049, 0057; 0009, 0033 and 0057 are 两江's.
        Assert.Equal(["CQ0001", "CQ0017", "CQ0025", "CQ0041", "CQ0049"], jinkai.Elevators.Select(e => e.Number));
        Assert.Equal(29.6108, jinkai.Location.Latitude, 6);
    }

    [Fact]
    public async Task ThePlatformSeesEveryDemoCommunityWithItsPosition()
    {
        var places = await PlacesOfAsync(DemoAccounts.PlatformAdmin);

        Assert.Equal(8, places.Count);
        Assert.Equal(DemoSeeder.ElevatorCount, places.Sum(p => p.Elevators.Count));
        Assert.All(places, p => Assert.InRange(p.Location.Latitude, 29.5, 29.7));
    }
}
