using Microsoft.Extensions.DependencyInjection;
using TiLianBang.Core.Common;
using TiLianBang.Core.Demo;
using TiLianBang.Core.Statistics;

namespace TiLianBang.Tests.Statistics;

/// <summary>STA-2's figures against the hand-counted faults of <see cref="FaultStatisticsFixture"/>.</summary>
public sealed class FaultStatisticsTests(FaultStatisticsApp app) : IClassFixture<FaultStatisticsApp>
{
    private static string K(int id) => id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static readonly StatisticsPeriod March = new(new DateOnly(2020, 3, 1), new DateOnly(2020, 3, 31));

    private async Task<FaultStatisticsResult> GetAsync(string userName, FaultDimension dimension, int top = 10)
    {
        await app.SeededAsync();
        await using var scope = await app.ScopeAsAsync(userName);
        return await scope.ServiceProvider.GetRequiredService<FaultStatistics>().GetAsync(new FaultStatisticsQuery(March, dimension, top), default);
    }

    private async Task<PagedList<FaultOrderRow>> OrdersAsync(string userName, FaultDimension dimension, string key, int top = 10, int pageSize = 100)
    {
        await app.SeededAsync();
        await using var scope = await app.ScopeAsAsync(userName);
        return await scope.ServiceProvider.GetRequiredService<FaultStatistics>()
            .OrdersAsync(new FaultStatisticsQuery(March, dimension, top), key, new Paging(1, pageSize), default);
    }

    [Fact]
    public async Task FaultsPerElevatorCountOrdersRaisedOnTheLocalDaysOfThePeriodWithoutCancelledOnes()
    {
        var ids = await app.SeededAsync();
        var result = await GetAsync(DemoAccounts.MaintenanceManager, FaultDimension.Elevator);

        Assert.Equal(6, result.Total);
        Assert.Equal(
            [(K(ids.E1), "FSE1 统计测试 E1", 3), (K(ids.E2), "FSE2 统计测试 E2", 2), (K(ids.E3), "FSE3 统计测试 E3", 1)],
            result.Rows.Select(r => (r.Key, r.Label, r.Count)));
        var e1 = result.Rows[0];
        Assert.Equal(50.0, e1.SharePercent);
        Assert.Equal(1, e1.Fleet);
        Assert.Equal(35.32, e1.PerElevatorYear); // 3 faults in 31 days = 3 × 365 / 31 a year
        Assert.Equal(2000, e1.Runs);             // 3000 − 1000: the readings just outside March do not count
        Assert.Equal(1.5, e1.PerThousandRuns);
        Assert.Null(result.Rows[1].Runs);        // no counters: no rate per runs ("—")
        Assert.Null(result.Rows[1].PerThousandRuns);
        Assert.Equal(23.55, result.Rows[1].PerElevatorYear);
    }

    [Fact]
    public async Task TheDrillDownListsExactlyTheCountedOrdersNewestFirst()
    {
        var ids = await app.SeededAsync();
        var orders = await OrdersAsync(DemoAccounts.MaintenanceManager, FaultDimension.Elevator, K(ids.E1));

        Assert.Equal(3, orders.Total);
        Assert.Equal([ids.Orders["o2"], ids.Orders["o5"], ids.Orders["o1"]], orders.Items.Select(o => o.Id));
        Assert.All(orders.Items, o => Assert.False(string.IsNullOrEmpty(o.WorkerName)));
    }

    [Fact]
    public async Task TopNPutsTheRestIntoOthersSoTheTotalIsAlwaysTheSum()
    {
        var ids = await app.SeededAsync();
        var elevators = await GetAsync(DemoAccounts.MaintenanceManager, FaultDimension.Elevator, top: 1);
        Assert.Equal([(K(ids.E1), 3), (FaultStatistics.OtherKey, 3)], elevators.Rows.Select(r => (r.Key, r.Count)));
        Assert.Equal("其他", elevators.Rows[1].Label);
        Assert.Null(elevators.Rows[1].PerElevatorYear);
        Assert.Equal(elevators.Total, elevators.Rows.Sum(r => r.Count));

        // Workers: the unassigned orders and weibao's one are the rest, nulls included.
        var workers = await GetAsync(DemoAccounts.MaintenanceManager, FaultDimension.Worker, top: 1);
        Assert.Equal([(K(ids.Worker), 3), (FaultStatistics.OtherKey, 3)], workers.Rows.Select(r => (r.Key, r.Count)));
        var rest = await OrdersAsync(DemoAccounts.MaintenanceManager, FaultDimension.Worker, FaultStatistics.OtherKey, top: 1);
        Assert.Equal(new[] { ids.Orders["o6"], ids.Orders["o7"], ids.Orders["o8"] }.Order(), rest.Items.Select(o => o.Id).Order());
        var others = await OrdersAsync(DemoAccounts.MaintenanceManager, FaultDimension.Elevator, FaultStatistics.OtherKey, top: 1);
        Assert.Equal(new[] { ids.Orders["o6"], ids.Orders["o7"], ids.Orders["o8"] }.Order(), others.Items.Select(o => o.Id).Order());
    }

    [Fact]
    public async Task WorkersAndFaultCodesNameTheirGroupsAndTheMissingOnes()
    {
        var ids = await app.SeededAsync();
        var workers = await GetAsync(DemoAccounts.MaintenanceManager, FaultDimension.Worker);
        Assert.Equal([(K(ids.Worker), 3), (FaultStatistics.NoneKey, 2), (K(ids.Manager), 1)], workers.Rows.Select(r => (r.Key, r.Count)));
        Assert.Equal("未指派", workers.Rows[1].Label);
        Assert.All(workers.Rows, r => Assert.Null(r.PerElevatorYear));
        var unassigned = await OrdersAsync(DemoAccounts.MaintenanceManager, FaultDimension.Worker, FaultStatistics.NoneKey);
        Assert.Equal(new[] { ids.Orders["o6"], ids.Orders["o7"] }.Order(), unassigned.Items.Select(o => o.Id).Order());

        var codes = await GetAsync(DemoAccounts.MaintenanceManager, FaultDimension.FaultCode);
        Assert.Equal([("2", "2 关门故障", 3), (FaultStatistics.NoneKey, "无故障代码", 2), ("3", "3 开门故障", 1)], codes.Rows.Select(r => (r.Key, r.Label, r.Count)));
        Assert.Equal(2000, codes.Rows[0].Runs); // only E1 reported counters in March 2020
        Assert.Equal(1.5, codes.Rows[0].PerThousandRuns);
    }

    [Fact]
    public async Task BrandsCompareByFleetSizeAndRuns()
    {
        await app.SeededAsync();
        var brands = await GetAsync(DemoAccounts.MaintenanceManager, FaultDimension.Brand);

        Assert.Equal([("测A", 5, 2), (FaultStatistics.NoneKey, 1, 1)], brands.Rows.Select(r => (r.Key, r.Count, r.Fleet ?? -1)));
        Assert.Equal("未填写", brands.Rows[1].Label);
        Assert.Equal(29.44, brands.Rows[0].PerElevatorYear); // 5 ÷ 2 elevators × 365 / 31
        Assert.Equal(2000, brands.Rows[0].Runs);
        Assert.Equal(2.5, brands.Rows[0].PerThousandRuns);
        Assert.Null(brands.Rows[1].PerThousandRuns);
        var drill = await OrdersAsync(DemoAccounts.MaintenanceManager, FaultDimension.Brand, "测A");
        Assert.Equal(5, drill.Total);
    }

    [Fact]
    public async Task AnotherCompanySeesOnlyItsOwnElevatorsFaults()
    {
        var ids = await app.SeededAsync();
        var other = await GetAsync(DemoAccounts.OtherMaintenanceManager, FaultDimension.Elevator);
        Assert.Equal([(K(ids.E4), 2)], other.Rows.Select(r => (r.Key, r.Count)));
        var otherBrands = await GetAsync(DemoAccounts.OtherMaintenanceManager, FaultDimension.Brand);
        Assert.Equal([("测A", 2)], otherBrands.Rows.Select(r => (r.Key, r.Count)));

        var mine = await GetAsync(DemoAccounts.MaintenanceManager, FaultDimension.FaultCode);
        Assert.Equal(6, mine.Total);
        Assert.Equal(0, (await OrdersAsync(DemoAccounts.MaintenanceManager, FaultDimension.Elevator, K(ids.E4))).Total);
        Assert.Equal(0, (await OrdersAsync(DemoAccounts.OtherMaintenanceManager, FaultDimension.Elevator, K(ids.E1))).Total);
    }
}
