using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using TiLianBang.Core.Common;
using TiLianBang.Core.Demo;
using TiLianBang.Core.Elevators;
using TiLianBang.Core.Maintenance;
using TiLianBang.Core.Monitoring;
using TiLianBang.Core.Statistics;
using TiLianBang.Tests.Infrastructure;
using TiLianBang.Tests.Api;

namespace TiLianBang.Tests.Statistics;

/// <summary>STA-1 电梯信息查询 over HTTP: the search, each record tab over a period, and their exports.</summary>
public sealed class ElevatorRecordsApiTests(TiLianBangAppFactory app) : IClassFixture<TiLianBangAppFactory>
{
    [Fact]
    public async Task TheSearchFindsOnlyTheCallersElevators()
    {
        await RecordsFixture.OfAsync(app);
        using var office = await app.CreateApiClientAsync(DemoAccounts.MaintenanceManager, DemoAccounts.Password);

        var one = await office.GetOkAsync<PagedList<ElevatorSummary>>("/api/v1/statistics/elevators?search=CQ0001");
        var other = await office.GetOkAsync<PagedList<ElevatorSummary>>("/api/v1/statistics/elevators?search=CQ0003");
        var all = await office.GetOkAsync<PagedList<ElevatorSummary>>("/api/v1/statistics/elevators?pageSize=100");
        var options = await office.GetOkAsync<ElevatorLookupOptions>("/api/v1/statistics/elevators/options");
        var community = options.Communities[0];
        var inCommunity = await office.GetOkAsync<PagedList<ElevatorSummary>>($"/api/v1/statistics/elevators?communityId={community.Id}&pageSize=100");
        var brand = options.Brands[0];
        var ofBrand = await office.GetOkAsync<PagedList<ElevatorSummary>>($"/api/v1/statistics/elevators?brand={Uri.EscapeDataString(brand)}&pageSize=100");

        Assert.Equal(["CQ0001"], one.Items.Select(e => e.Number));
        Assert.Equal(0, other.Total);
        Assert.All(all.Items, e => Assert.Contains("渝安", e.MaintenanceCompany, StringComparison.Ordinal));
        Assert.NotEmpty(inCommunity.Items);
        Assert.All(inCommunity.Items, e => Assert.Equal(community.Id, e.CommunityId));
        Assert.All(ofBrand.Items, e => Assert.Equal(brand, e.Brand));
    }

    [Fact]
    public async Task EachTabHoldsThePeriodsRecordsToChinaMidnight()
    {
        var f = await RecordsFixture.OfAsync(app);
        using var office = await app.CreateApiClientAsync(DemoAccounts.MaintenanceManager, DemoAccounts.Password);
        var root = $"/api/v1/statistics/elevators/{f.Elevator1}";

        var maintenance = await office.GetOkAsync<PagedList<MaintenanceOrderSummary>>($"{root}/maintenance?{f.Period}&pageSize=100");
        var repairs = await office.GetOkAsync<PagedList<ElevatorRepairRecord>>($"{root}/repairs?{f.Period}&pageSize=100");
        var faults = await office.GetOkAsync<PagedList<ElevatorFaultRecord>>($"{root}/faults?{f.Period}&pageSize=100");
        var lastDayFaults = await office.GetOkAsync<PagedList<ElevatorFaultRecord>>($"{root}/faults?preset=Custom&from={f.To:yyyy-MM-dd}&to={f.To.AddDays(1):yyyy-MM-dd}");

        // Due in the period on CQ0001: V1, V2, V5, V9 (V6 the day before is out); newest due first.
        Assert.Equal(["BYSTV2", "BYSTV1", "BYSTV9", "BYSTV5"], maintenance.Items.Select(o => o.Number));
        // Raised in the period: R1 (23:30 on the last day) and the cancelled R4; R3 (00:10 the day after) is out.
        Assert.Equal(["JXSTR1", "JXSTR4"], repairs.Items.Select(o => o.Number));
        Assert.Equal("统计甲", repairs.Items[0].WorkerName);
        // F1 23:30 on the last day and F3 at the first instant are in; F2 at 00:10 the day after is out.
        Assert.Equal([(30, true), (31, true)], faults.Items.Select(e => (e.Code, e.Raised)));
        Assert.Equal([(30, false), (30, true)], lastDayFaults.Items.Select(e => (e.Code, e.Raised)));
    }

    [Fact]
    public async Task ExportsHoldWhatTheTabShows()
    {
        var f = await RecordsFixture.OfAsync(app);
        using var office = await app.CreateApiClientAsync(DemoAccounts.MaintenanceManager, DemoAccounts.Password);
        var root = $"/api/v1/statistics/elevators/{f.Elevator1}";

        var maintenance = MaintenanceWorkStatisticsApiTests.Lines(await office.GetStringAsync($"{root}/maintenance/export?{f.Period}&format=csv"));
        var repairs = MaintenanceWorkStatisticsApiTests.Lines(await office.GetStringAsync($"{root}/repairs/export?{f.Period}&format=csv"));
        var faults = MaintenanceWorkStatisticsApiTests.Lines(await office.GetStringAsync($"{root}/faults/export?{f.Period}&format=csv"));
        var shown = await office.GetOkAsync<PagedList<MaintenanceOrderSummary>>($"{root}/maintenance?{f.Period}&pageSize=100");

        Assert.Equal(["工单编号", .. shown.Items.Select(o => o.Number)], maintenance.Select(l => l.Split(',')[0]));
        Assert.Equal(["工单编号", "JXSTR1", "JXSTR4"], repairs.Select(l => l.Split(',')[0]));
        Assert.Equal(3, faults.Length);
        Assert.StartsWith($"{f.To:yyyy-MM-dd} 23:30,30,", faults[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnotherCompanysElevatorIsNotFoundInAnyTabOrExport()
    {
        var f = await RecordsFixture.OfAsync(app);
        using var office = await app.CreateApiClientAsync(DemoAccounts.MaintenanceManager, DemoAccounts.Password);

        foreach (var tab in new[] { "maintenance", "repairs", "faults" })
        {
            foreach (var url in new[] { $"/api/v1/statistics/elevators/{f.OtherElevator}/{tab}?{f.Period}", $"/api/v1/statistics/elevators/{f.OtherElevator}/{tab}/export?{f.Period}" })
            {
                Assert.Equal(HttpStatusCode.NotFound, (await office.GetAsync(url)).StatusCode);
            }
        }
        Assert.Equal(HttpStatusCode.NotFound, (await office.GetAsync($"/api/v1/statistics/elevators/999999/faults")).StatusCode);
    }

    [Theory]
    [InlineData("maintenance?preset=Custom&from=2026-05-02&to=2026-05-01", "to")]
    [InlineData("repairs?pageSize=100000", "pageSize")]
    [InlineData("faults?preset=Someday", "preset")]
    [InlineData("faults/export?preset=Custom&from=1990-01-01&to=2026-01-01", "to")]
    public async Task BadParametersAreRefusedByName(string path, string field)
    {
        var f = await RecordsFixture.OfAsync(app);
        using var office = await app.CreateApiClientAsync(DemoAccounts.MaintenanceManager, DemoAccounts.Password);

        var response = await office.GetAsync($"/api/v1/statistics/elevators/{f.Elevator1}/{path}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty(field, out _));
        Assert.Equal(HttpStatusCode.BadRequest, (await office.GetAsync("/api/v1/statistics/elevators?search=" + new string('x', 65))).StatusCode);
    }
}
