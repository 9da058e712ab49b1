using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TiLianBang.Core.Demo;
using TiLianBang.Core.Repairs;
using TiLianBang.Core.Search;
using TiLianBang.Tests.Infrastructure;

namespace TiLianBang.Tests.Search;

/// <summary>The app bar's global search finds by number, register code and order number, never across companies.</summary>
public sealed class QuickSearchTests(TiLianBangAppFactory app) : IClassFixture<TiLianBangAppFactory>
{
    private async Task<IReadOnlyList<SearchHit>> FindAsAsync(string userName, string text)
    {
        await using var scope = await app.ScopeAsAsync(userName);
        return await scope.ServiceProvider.GetRequiredService<QuickSearch>().FindAsync(text, 6, default);
    }

    [Fact]
    public async Task FindsAnElevatorByNumberAndByRegisterCode()
    {
        var registerCode = await app.AsSystemAsync((_, db) => db.Elevators.Where(e => e.Number == "CQ0001").Select(e => e.RegisterCode!).SingleAsync());

        var byNumber = await FindAsAsync(DemoAccounts.MaintenanceManager, "CQ0001");
        var byCode = await FindAsAsync(DemoAccounts.MaintenanceManager, registerCode[..14]);

        Assert.Equal("CQ0001", byNumber[0].Title);
        Assert.Equal(SearchHitKind.Elevator, byNumber[0].Kind);
        Assert.Contains(byCode, h => h.Title == "CQ0001" && h.Subtitle.Contains(registerCode, StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnotherCompanyFindsNeitherTheElevatorNorItsOrders()
    {
        // CQ0003 is maintained by the second company (every third elevator).
        var elevatorId = await app.AsSystemAsync((_, db) => db.Elevators.Where(e => e.Number == "CQ0003").Select(e => e.Id).SingleAsync());
        var (order, _) = await app.AsSystemAsync((sp, _) => sp.GetRequiredService<RepairService>().RaiseFromFaultAsync(elevatorId, 2, false, "关门故障", default));

        var own = await FindAsAsync(DemoAccounts.OtherMaintenanceManager, order.Number);
        var foreignOrder = await FindAsAsync(DemoAccounts.MaintenanceManager, order.Number);
        var foreignElevator = await FindAsAsync(DemoAccounts.MaintenanceManager, "CQ0003");

        Assert.Contains(own, h => h.Kind == SearchHitKind.RepairOrder && h.Id == order.Id);
        Assert.Empty(foreignOrder);
        Assert.DoesNotContain(foreignElevator, h => h.Title == "CQ0003");
    }

    [Theory]
    [InlineData("")]
    [InlineData(" C ")]
    [InlineData("%%")]
    [InlineData("__")]
    public async Task ShortOrWildcardTextFindsNothingItShouldNot(string text)
    {
        var hits = await FindAsAsync(DemoAccounts.PlatformAdmin, text);

        Assert.DoesNotContain(hits, h => !h.Title.Contains(text.Trim(), StringComparison.Ordinal) && !h.Subtitle.Contains(text.Trim(), StringComparison.Ordinal));
    }
}
