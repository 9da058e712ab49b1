using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TiLianBang.Core.Demo;
using TiLianBang.Core.Organizations;
using TiLianBang.Core.Repairs;
using TiLianBang.Tests.Infrastructure;

namespace TiLianBang.Tests.Repairs;

/// <summary>REP-6: the arrival limit by region, and trapped-passenger orders past it stand out.</summary>
public sealed class RescueTimeTests(TiLianBangAppFactory app) : IClassFixture<TiLianBangAppFactory>
{
    [Fact]
    public void CityDistrictsGetThirtyMinutesElsewhereSixtyAndOverridesWin()
    {
        var options = new RepairOptions { ArrivalLimits = { ["渝北区"] = 25 } };

        Assert.Equal(25, options.ArrivalLimitFor(new Region { Province = "重庆市", City = "重庆市", District = "渝北区" }));
        Assert.Equal(30, options.ArrivalLimitFor(new Region { Province = "重庆市", City = "重庆市", District = "江北区" }));
        Assert.Equal(60, options.ArrivalLimitFor(new Region { Province = "重庆市", City = "重庆市", District = "城口县" }));
    }

    [Fact]
    public async Task ATrappedOrderWithNobodyOnSiteBecomesOverdueAfterTheLimit()
    {
        var elevatorId = await app.AsSystemAsync((_, db) => db.Elevators.Where(e => e.Number == "CQ0018").Select(e => e.Id).SingleAsync());
        var (order, _) = await app.AsSystemAsync((sp, _) => sp.GetRequiredService<RepairService>().RaiseFromFaultAsync(elevatorId, 11, true, "困人", default));
        async Task<RepairOrderSummary> ListedAsync()
        {
            await using var scope = await app.ScopeAsAsync(DemoAccounts.PlatformAdmin);
            var list = await scope.ServiceProvider.GetRequiredService<RepairService>().ListAsync(new RepairOrderQuery { ElevatorId = elevatorId }, default);
            return list.Single(o => o.Id == order.Id);
        }

        var listed = await ListedAsync();
        var created = listed.CreatedAtUtc;

        Assert.Equal(30, listed.ArrivalLimitMinutes);
        Assert.False(listed.IsOverdue(created.AddMinutes(29)));
        Assert.True(listed.IsOverdue(created.AddMinutes(31)));
    }
}
