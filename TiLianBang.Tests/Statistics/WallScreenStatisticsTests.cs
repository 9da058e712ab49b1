using Microsoft.Extensions.DependencyInjection;
using TiLianBang.Core.Maintenance;
using TiLianBang.Core.Repairs;
using TiLianBang.Core.Statistics;
using TiLianBang.Tests.Infrastructure;

namespace TiLianBang.Tests.Statistics;

/// <summary>STA-4 / STA-5: the wall screen's figures against the hand-counted <see cref="WallScreenFixture"/>.</summary>
public sealed class WallScreenStatisticsTests(TiLianBangAppFactory app) : IClassFixture<TiLianBangAppFactory>
{
    private async Task<WallScreenFixture> FixtureAsync()
    {
        WallScreenFixture.SetClock(app);
        return await WallScreenFixture.CreateAsync(app);
    }

    private static Task<IReadOnlyList<InstalledBaseRow>> By(WallScreenFixture f, TiLianBangAppFactory app, InstalledBaseGrouping grouping, string? district = null, bool rival = false) =>
        f.AsCompanyAsync(app, sp => sp.GetRequiredService<InstalledBase>().ByAsync(grouping, district, default), rival);

    private static Dictionary<string, int> AsMap(IReadOnlyList<InstalledBaseRow> rows) => rows.ToDictionary(r => r.Label, r => r.Count);

    [Fact]
    public async Task CountsTheCompanysElevatorsByDistrictOnly()
    {
        var f = await FixtureAsync();

        var rows = await By(f, app, InstalledBaseGrouping.District);

        // Most elevators first, ties in name order.
        Assert.Equal([("江北区", 3), ("渝北区", 3), ("城口县", 2)], rows.Select(r => (r.Label, r.Count)));
        Assert.Equal(8, rows.Sum(r => r.Count));
        // The rival sees its own two elevators, not ours.
        Assert.Equal([("渝北区", 2)], (await By(f, app, InstalledBaseGrouping.District, rival: true)).Select(r => (r.Label, r.Count)));
    }

    [Fact]
    public async Task MapsFreeTextUsagePlacesToTheFixedCategories()
    {
        var f = await FixtureAsync();

        var rows = await By(f, app, InstalledBaseGrouping.Usage);

        Assert.Equal(UsagePlaces.InOrder, rows.Select(r => r.Label));
        Assert.Equal(new Dictionary<string, int>
        {
            ["住宅"] = 2, ["办公"] = 1, ["医院"] = 1, ["学校"] = 0, ["商场"] = 1, ["车站/交通"] = 1, ["酒店"] = 0, ["其他"] = 2,
        }, AsMap(rows));
    }

    [Theory]
    [InlineData("住宅", "住宅")]
    [InlineData("小区住宅楼", "住宅")]
    [InlineData("商住楼", "住宅")]
    [InlineData("写字楼", "办公")]
    [InlineData("人民医院住院楼", "医院")]
    [InlineData("第一中学", "学校")]
    [InlineData("地铁站", "车站/交通")]
    [InlineData("购物中心", "商场")]
    [InlineData("快捷酒店", "酒店")]
    [InlineData("咖啡馆", "其他")]
    [InlineData("", "其他")]
    [InlineData(null, "其他")]
    public void UsageMappingFollowsItsDocumentedRules(string? text, string category) => Assert.Equal(category, UsagePlaces.CategoryOf(text));

    [Fact]
    public async Task CountsByInstallationYearWithUnknownLast()
    {
        var f = await FixtureAsync();

        var rows = await By(f, app, InstalledBaseGrouping.Year);

        Assert.Equal([("2005", 1), ("2006", 1), ("2015", 1), ("2016", 1), ("2020", 1), ("2021", 2), ("未知", 1)], rows.Select(r => (r.Label, r.Count)));
    }

    [Fact]
    public async Task CountsAgeBandsInFullYearsOnTheClocksToday()
    {
        var f = await FixtureAsync();

        var rows = await By(f, app, InstalledBaseGrouping.Age);

        // Today is 2026-12-31: installed 2021-12-31 is exactly 5 (0–5), 2020-12-31 exactly 6 (6–10), 2016-01-01 is 10,
        // 2015-12-31 is 11, 2006-01-01 is 20, 2005-12-31 is 21.
        Assert.Equal([("0–5 年", 2), ("6–10 年", 2), ("11–15 年", 1), ("16–20 年", 1), ("20 年以上", 1), ("未知", 1)], rows.Select(r => (r.Label, r.Count)));
    }

    [Fact]
    public async Task DistrictFilterNarrowsEveryGrouping()
    {
        var f = await FixtureAsync();

        var usage = await By(f, app, InstalledBaseGrouping.Usage, "江北区");
        var age = await By(f, app, InstalledBaseGrouping.Age, "江北区");

        Assert.Equal(3, usage.Sum(r => r.Count));
        Assert.Equal(1, AsMap(usage)["医院"]);
        Assert.Equal(1, AsMap(usage)["商场"]);
        Assert.Equal(1, AsMap(usage)["车站/交通"]);
        Assert.Equal(1, AsMap(age)["0–5 年"]);
        Assert.Equal(1, AsMap(age)["11–15 年"]);
        Assert.Equal(1, AsMap(age)["16–20 年"]);
        Assert.Empty(await By(f, app, InstalledBaseGrouping.District, "不存在区"));
    }

    [Fact]
    public async Task RescuePerformanceUsesEachRegionsLimitAndChinaDays()
    {
        var f = await FixtureAsync();
        // R1 渝北区, signed in exactly at the 30-minute limit: on time.
        await WallScreenFixture.AddRepairAsync(app, f.E(1), WallScreenFixture.Utc(2026, 12, 10, 2, 0), true, WallScreenFixture.Utc(2026, 12, 10, 2, 30));
        // R2 渝北区, one second over: late.
        await WallScreenFixture.AddRepairAsync(app, f.E(2), WallScreenFixture.Utc(2026, 12, 10, 3, 0), true, WallScreenFixture.Utc(2026, 12, 10, 3, 30, 1));
        // R3 城口县 (a county: 60 minutes), 45 minutes: on time.
        await WallScreenFixture.AddRepairAsync(app, f.E(6), WallScreenFixture.Utc(2026, 12, 11, 2, 0), true, WallScreenFixture.Utc(2026, 12, 11, 2, 45));
        // R4 at 23:30 China time on the period's last day (15 Dec): inside; 10 minutes.
        await WallScreenFixture.AddRepairAsync(app, f.E(4), WallScreenFixture.Utc(2026, 12, 15, 15, 30), true, WallScreenFixture.Utc(2026, 12, 15, 15, 40));
        // R5 at 00:10 China time on 16 Dec: outside although it is still 15 Dec in UTC.
        await WallScreenFixture.AddRepairAsync(app, f.E(4), WallScreenFixture.Utc(2026, 12, 15, 16, 10), true, WallScreenFixture.Utc(2026, 12, 15, 16, 15));
        // R6 at 00:30 China time on 1 Dec (30 Nov in UTC): inside; nobody came, the limit passed long ago: late.
        await WallScreenFixture.AddRepairAsync(app, f.E(5), WallScreenFixture.Utc(2026, 11, 30, 16, 30), true);
        // 23:30 China time on 30 Nov: outside.
        await WallScreenFixture.AddRepairAsync(app, f.E(5), WallScreenFixture.Utc(2026, 11, 30, 15, 30), true, WallScreenFixture.Utc(2026, 11, 30, 15, 31));
        // A cancelled rescue and an ordinary fault do not count; neither does the rival's late rescue.
        await WallScreenFixture.AddRepairAsync(app, f.E(3), WallScreenFixture.Utc(2026, 12, 12, 2, 0), true, state: RepairOrderState.Cancelled);
        await WallScreenFixture.AddRepairAsync(app, f.E(3), WallScreenFixture.Utc(2026, 12, 12, 3, 0), false);
        await WallScreenFixture.AddRepairAsync(app, f.RivalElevators[0], WallScreenFixture.Utc(2026, 12, 12, 4, 0), true);

        var figures = await f.AsCompanyAsync(app, sp => sp.GetRequiredService<RescuePerformance>()
            .ForAsync(new StatisticsPeriod(new DateOnly(2026, 12, 1), new DateOnly(2026, 12, 15)), default));

        Assert.Equal(5, figures.Orders);
        Assert.Equal(3, figures.WithinLimit);
        Assert.Equal(2, figures.Late);
        Assert.Equal(0, figures.Waiting);
        Assert.Equal(0.6, figures.ArrivalRate!.Value, 6);
        Assert.Equal((30 + (30 + 1 / 60.0) + 45 + 10) / 4, figures.AverageArrivalMinutes!.Value, 6);
        Assert.Equal(30, figures.LimitMinutes);
        var rival = await f.AsCompanyAsync(app, sp => sp.GetRequiredService<RescuePerformance>()
            .ForAsync(new StatisticsPeriod(new DateOnly(2026, 12, 1), new DateOnly(2026, 12, 15)), default), rival: true);
        Assert.Equal((1, 0, 1), (rival.Orders, rival.WithinLimit, rival.Late));
    }

    [Fact]
    public void ArrivalExactlyAtTheLimitIsOnTime()
    {
        var alarm = WallScreenFixture.Utc(2026, 12, 1, 0, 0);
        Assert.True(RescuePerformance.IsWithinLimit(alarm, alarm.AddMinutes(30), 30));
        Assert.False(RescuePerformance.IsWithinLimit(alarm, alarm.AddMinutes(30).AddSeconds(1), 30));
    }

    [Fact]
    public async Task MaintenanceCompletionCountsVisitsDueThisChinaMonth()
    {
        var f = await FixtureAsync();
        await WallScreenFixture.AddMaintenanceAsync(app, f.E(1), new DateOnly(2026, 12, 1), MaintenanceOrderState.Confirmed);
        await WallScreenFixture.AddMaintenanceAsync(app, f.E(2), new DateOnly(2026, 12, 15), MaintenanceOrderState.Submitted);
        await WallScreenFixture.AddMaintenanceAsync(app, f.E(3), new DateOnly(2026, 12, 20), MaintenanceOrderState.Assigned);
        await WallScreenFixture.AddMaintenanceAsync(app, f.E(4), new DateOnly(2026, 12, 31), MaintenanceOrderState.Pending);
        await WallScreenFixture.AddMaintenanceAsync(app, f.E(5), new DateOnly(2026, 11, 30), MaintenanceOrderState.Confirmed);
        await WallScreenFixture.AddMaintenanceAsync(app, f.E(6), new DateOnly(2027, 1, 1), MaintenanceOrderState.Pending);
        await WallScreenFixture.AddMaintenanceAsync(app, f.RivalElevators[0], new DateOnly(2026, 12, 10), MaintenanceOrderState.Pending);

        var figures = await f.AsCompanyAsync(app, sp => sp.GetRequiredService<MaintenanceCompletion>().ThisMonthAsync(default));

        Assert.Equal(new MaintenanceCompletionFigures(4, 2, 0.5), figures);
    }

    [Fact]
    public async Task TodayIsTheChinaDayNewestFirst()
    {
        var f = await FixtureAsync();
        // 00:10 China time on 31 Dec (30 Dec in UTC): today.
        await WallScreenFixture.AddRepairAsync(app, f.E(1), WallScreenFixture.Utc(2026, 12, 30, 16, 10), false);
        // 23:50 China time on 30 Dec: yesterday.
        await WallScreenFixture.AddRepairAsync(app, f.E(2), WallScreenFixture.Utc(2026, 12, 30, 15, 50), true);
        // 23:20 China time on 31 Dec, trapped and nobody there yet: today, and waiting within its limit.
        await WallScreenFixture.AddRepairAsync(app, f.E(3), WallScreenFixture.Utc(2026, 12, 31, 15, 20), true);
        await WallScreenFixture.AddRepairAsync(app, f.RivalElevators[0], WallScreenFixture.Utc(2026, 12, 31, 15, 0), true);

        var today = await f.AsCompanyAsync(app, sp => sp.GetRequiredService<ScreenTimeline>().TodayAsync(default));
        var rescues = await f.AsCompanyAsync(app, sp => sp.GetRequiredService<RescuePerformance>()
            .ForAsync(new StatisticsPeriod(new DateOnly(2026, 12, 31), new DateOnly(2026, 12, 31)), default));

        Assert.Equal(2, today.Faults);
        Assert.Equal(1, today.Rescues);
        Assert.Equal([true, false], today.Latest.Select(e => e.PassengersTrapped));
        Assert.Equal([WallScreenFixture.Utc(2026, 12, 31, 15, 20), WallScreenFixture.Utc(2026, 12, 30, 16, 10)], today.Latest.Select(e => e.CreatedAtUtc));
        Assert.Equal((1, 1, 0, null), (rescues.Orders, rescues.Waiting, rescues.Late, rescues.ArrivalRate));
    }
}
