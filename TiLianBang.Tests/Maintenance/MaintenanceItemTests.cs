using Microsoft.Extensions.DependencyInjection;
using TiLianBang.Core.Demo;
using TiLianBang.Core.Elevators;
using TiLianBang.Core.Maintenance;
using TiLianBang.Tests.Infrastructure;

namespace TiLianBang.Tests.Maintenance;

/// <summary>MNT-2: the TSG T5002-2017 items are seeded per kind and period, and visits include earlier periods' items.</summary>
public sealed class MaintenanceItemTests(TiLianBangAppFactory app) : IClassFixture<TiLianBangAppFactory>
{
    private async Task<T> ItemsAsync<T>(Func<MaintenanceItems, Task<T>> work)
    {
        await using var scope = await app.ScopeAsAsync(DemoAccounts.MaintenanceManager);
        return await work(scope.ServiceProvider.GetRequiredService<MaintenanceItems>());
    }

    [Theory]
    [InlineData(MaintenanceKind.Traction, 31, 44, 59, 76)]
    [InlineData(MaintenanceKind.Hydraulic, 30, 43, 52, 66)]
    [InlineData(MaintenanceKind.Dumbwaiter, 20, 28, 38, 52)]
    [InlineData(MaintenanceKind.Escalator, 33, 38, 50, 63)]
    public async Task AVisitIncludesTheItemsOfEveryEarlierPeriod(MaintenanceKind kind, int halfMonthly, int quarterly, int halfYearly, int yearly)
    {
        var counts = new List<int>();
        foreach (var period in Enum.GetValues<MaintenancePeriod>())
        {
            counts.Add((await ItemsAsync(i => i.ForVisitAsync(kind, period, null, default))).Count);
        }

        Assert.Equal([halfMonthly, quarterly, halfYearly, yearly], counts);
    }

    [Fact]
    public async Task ItemsReadAsTheRegulationWritesThem()
    {
        var halfMonthly = await ItemsAsync(i => i.ForVisitAsync(MaintenanceKind.Traction, MaintenancePeriod.HalfMonthly, null, default));
        var found = await ItemsAsync(i => i.SearchAsync(MaintenanceKind.Traction, MaintenancePeriod.Yearly, "制动试验", default));

        Assert.Equal("机房、滑轮间环境", halfMonthly[0].Name);
        Assert.Equal("清洁，门窗完好，照明正常", halfMonthly[0].Requirement);
        Assert.Contains(found, f => f.NeedsPhoto);
    }

    [Fact]
    public async Task ACompanyAddsItsOwnItemsWhichOnlyItSeesAndDeletes()
    {
        var added = await ItemsAsync(i => i.AddCompanyItemAsync(MaintenanceKind.Traction, MaintenancePeriod.Quarterly, "紧急电话测试", "通话清晰", default));
        var ownVisit = await ItemsAsync(i => i.ForVisitAsync(MaintenanceKind.Traction, MaintenancePeriod.Quarterly, added.CompanyId, default));
        var otherCompany = await app.AsSystemAsync((_, db) => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions
            .SingleAsync(db.Companies, c => c.Name == "重庆两江电梯维保有限公司"));
        var otherVisit = await ItemsAsync(i => i.ForVisitAsync(MaintenanceKind.Traction, MaintenancePeriod.Quarterly, otherCompany.Id, default));
        var bad = await Assert.ThrowsAsync<TiLianBang.Core.Common.ValidationException>(() => ItemsAsync(i => i.AddCompanyItemAsync(MaintenanceKind.Traction, MaintenancePeriod.Yearly, "", "", default)));
        var regulation = (await ItemsAsync(i => i.ForVisitAsync(MaintenanceKind.Traction, MaintenancePeriod.HalfMonthly, null, default)))[0];
        var protectedItem = await Assert.ThrowsAsync<TiLianBang.Core.Common.DomainException>(() => ItemsAsync(async i => { await i.DeleteCompanyItemAsync(regulation.Id, default); return true; }));
        await ItemsAsync(async i => { await i.DeleteCompanyItemAsync(added.Id, default); return true; });

        Assert.Equal(45, ownVisit.Count);
        Assert.True(added.NeedsPhoto);
        Assert.Equal(44, otherVisit.Count);
        Assert.Equal(["Name", "Requirement"], bad.Errors.Keys.Order());
        Assert.Equal(TiLianBang.Core.Common.DomainErrorKind.Forbidden, protectedItem.Kind);
    }

    [Theory]
    [InlineData(ElevatorVariety.TractionPassenger, MaintenanceKind.Traction)]
    [InlineData(ElevatorVariety.Firefighter, MaintenanceKind.Traction)]
    [InlineData(ElevatorVariety.HydraulicFreight, MaintenanceKind.Hydraulic)]
    [InlineData(ElevatorVariety.Dumbwaiter, MaintenanceKind.Dumbwaiter)]
    [InlineData(ElevatorVariety.MovingWalk, MaintenanceKind.Escalator)]
    public void EachVarietyIsMaintainedByItsAppendix(ElevatorVariety variety, MaintenanceKind kind) =>
        Assert.Equal(kind, MaintenanceKinds.Of(variety));
}
