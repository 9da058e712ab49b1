using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using TiLianBang.Core.Common;
using TiLianBang.Core.Demo;
using TiLianBang.Core.Statistics;
using TiLianBang.Tests.Infrastructure;
using TiLianBang.Tests.Api;

namespace TiLianBang.Tests.Statistics;

/// <summary>STA-3 维保工作统计 over HTTP against the hand-counted <see cref="RecordsFixture"/>.</summary>
public sealed class MaintenanceWorkStatisticsApiTests(TiLianBangAppFactory app) : IClassFixture<TiLianBangAppFactory>
{
    [Fact]
    public async Task FiguresPerWorkerAreTheHandCountedOnes()
    {
        var f = await RecordsFixture.OfAsync(app);
        using var office = await app.CreateApiClientAsync(DemoAccounts.MaintenanceManager, DemoAccounts.Password);

        var rows = await office.GetOkAsync<List<WorkerWork>>($"/api/v1/statistics/maintenance?{f.Period}");

        var mine = Assert.Single(rows, r => r.WorkerId == f.Worker);
        Assert.Equal(new WorkerWork(f.Worker, "统计甲", Done: 4, OnTime: 3, Late: 1, AverageMinutesOnSite: 62.5, OverdueOpen: 2, Repairs: 2, AverageArrivalMinutes: 35), mine);
        Assert.DoesNotContain(rows, r => r.WorkerId == f.OtherWorker);
    }

    [Fact]
    public async Task ThePlatformCountsEveryCompanysElevators()
    {
        var f = await RecordsFixture.OfAsync(app);
        using var admin = await app.CreateApiClientAsync(DemoAccounts.PlatformAdmin, DemoAccounts.Password);

        var rows = await admin.GetOkAsync<List<WorkerWork>>($"/api/v1/statistics/maintenance?{f.Period}&worker=统计");

        // VX on 两江's elevator and R5 now count: done 5 (on site +60 min), repairs 3 (arrival +20 min).
        var mine = Assert.Single(rows, r => r.WorkerId == f.Worker);
        Assert.Equal((5, 4, 1, 62.0, 3, 30.0), (mine.Done, mine.OnTime, mine.Late, mine.AverageMinutesOnSite!.Value, mine.Repairs, mine.AverageArrivalMinutes!.Value));
        Assert.Equal(1, Assert.Single(rows, r => r.WorkerId == f.OtherWorker).Done);
    }

    [Fact]
    public async Task ThePeriodEndsAtChinaMidnight()
    {
        var f = await RecordsFixture.OfAsync(app);
        using var office = await app.CreateApiClientAsync(DemoAccounts.MaintenanceManager, DemoAccounts.Password);

        // One day later: V4 (00:10 the next day) and R3 come in, V5 and R2 (the first day) drop out.
        var shifted = await office.GetOkAsync<List<WorkerWork>>($"/api/v1/statistics/maintenance?preset=Custom&from={f.From.AddDays(1):yyyy-MM-dd}&to={f.To.AddDays(1):yyyy-MM-dd}");
        var lastDay = await office.GetOkAsync<List<WorkerWork>>($"/api/v1/statistics/maintenance?preset=Custom&from={f.To:yyyy-MM-dd}&to={f.To:yyyy-MM-dd}");

        var mine = Assert.Single(shifted, r => r.WorkerId == f.Worker);
        Assert.Equal((4, 2, 2, 2), (mine.Done, mine.OnTime, mine.Late, mine.Repairs));
        var onlyLastDay = Assert.Single(lastDay, r => r.WorkerId == f.Worker);
        Assert.Equal((1, 1, 0, 90.0, 1, 45.0), (onlyLastDay.Done, onlyLastDay.OnTime, onlyLastDay.Late, onlyLastDay.AverageMinutesOnSite!.Value, onlyLastDay.Repairs, onlyLastDay.AverageArrivalMinutes!.Value));
    }

    [Fact]
    public async Task TheDrillDownListsTheVisitsBehindTheFigures()
    {
        var f = await RecordsFixture.OfAsync(app);
        using var office = await app.CreateApiClientAsync(DemoAccounts.MaintenanceManager, DemoAccounts.Password);
        string[] Ids(PagedList<WorkerVisit> page) => [.. page.Items.Select(v => f.Visits.Single(x => x.Value == v.Id).Key).Order()];

        var all = await office.GetOkAsync<PagedList<WorkerVisit>>($"/api/v1/statistics/maintenance/{f.Worker}/visits?{f.Period}&pageSize=100");
        var late = await office.GetOkAsync<PagedList<WorkerVisit>>($"/api/v1/statistics/maintenance/{f.Worker}/visits?{f.Period}&state=Late");
        var onTime = await office.GetOkAsync<PagedList<WorkerVisit>>($"/api/v1/statistics/maintenance/{f.Worker}/visits?{f.Period}&state=OnTime");
        var overdue = await office.GetOkAsync<PagedList<WorkerVisit>>($"/api/v1/statistics/maintenance/{f.Worker}/visits?{f.Period}&state=Overdue");
        var confirmed = await office.GetOkAsync<PagedList<WorkerVisit>>($"/api/v1/statistics/maintenance/{f.Worker}/visits?{f.Period}&state=Confirmed");
        var firstPage = await office.GetOkAsync<PagedList<WorkerVisit>>($"/api/v1/statistics/maintenance/{f.Worker}/visits?{f.Period}&pageSize=2");

        Assert.Equal(["V1", "V2", "V3", "V5", "V9"], Ids(all));
        Assert.Equal(5, all.Total);
        Assert.Equal(["V2"], Ids(late));
        Assert.True(late.Items[0].Late);
        Assert.Equal(60, late.Items[0].MinutesOnSite);
        Assert.Equal(["V1", "V3", "V5"], Ids(onTime));
        Assert.Equal(["V7", "V9"], Ids(overdue));
        Assert.Equal(["V1", "V5"], Ids(confirmed));
        Assert.Equal((5, 2), (firstPage.Total, firstPage.Items.Count));
    }

    [Fact]
    public async Task AnotherCompanysWorkerIsNotFoundAndNotExported()
    {
        var f = await RecordsFixture.OfAsync(app);
        using var office = await app.CreateApiClientAsync(DemoAccounts.MaintenanceManager, DemoAccounts.Password);
        using var outsider = await app.CreateApiClientAsync(DemoAccounts.OtherMaintenanceManager, DemoAccounts.Password);

        Assert.Equal(HttpStatusCode.NotFound, (await office.GetAsync($"/api/v1/statistics/maintenance/{f.OtherWorker}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await office.GetAsync($"/api/v1/statistics/maintenance/{f.OtherWorker}/visits?{f.Period}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await office.GetAsync($"/api/v1/statistics/maintenance/{f.OtherWorker}/visits/export?{f.Period}&format=csv")).StatusCode);
        var export = await office.GetStringAsync($"/api/v1/statistics/maintenance/export?{f.Period}&format=csv");
        Assert.DoesNotContain("统计乙", export, StringComparison.Ordinal);
        // 两江 sees 统计甲 only through the work on its own elevator (VX, R5), and only that work.
        var theirs = await outsider.GetOkAsync<List<WorkerWork>>($"/api/v1/statistics/maintenance?{f.Period}");
        var seen = Assert.Single(theirs, r => r.WorkerId == f.Worker);
        Assert.Equal((1, 0, 1), (seen.Done, seen.OverdueOpen, seen.Repairs));
        var visits = await outsider.GetOkAsync<PagedList<WorkerVisit>>($"/api/v1/statistics/maintenance/{f.Worker}/visits?{f.Period}&pageSize=100");
        Assert.Equal([f.Visits["VX"]], visits.Items.Select(v => v.Id));
    }

    [Fact]
    public async Task ExportsHoldExactlyTheTablesRows()
    {
        var f = await RecordsFixture.OfAsync(app);
        using var office = await app.CreateApiClientAsync(DemoAccounts.MaintenanceManager, DemoAccounts.Password);

        var rows = await office.GetOkAsync<List<WorkerWork>>($"/api/v1/statistics/maintenance?{f.Period}");
        var table = Lines(await office.GetStringAsync($"/api/v1/statistics/maintenance/export?{f.Period}&format=csv"));
        var visits = Lines(await office.GetStringAsync($"/api/v1/statistics/maintenance/{f.Worker}/visits/export?{f.Period}&state=Late&format=csv"));
        var xlsx = await office.GetAsync($"/api/v1/statistics/maintenance/export?{f.Period}");

        Assert.Equal(rows.Count + 1, table.Length);
        Assert.Equal("维保人员,完成保养,按期完成,超期完成,平均现场用时（分钟）,当前超期未完成,急修工单,平均到场用时（分钟）", table[0]);
        Assert.Contains("统计甲,4,3,1,62.5,2,2,35", table);
        Assert.Equal(2, visits.Length);
        Assert.StartsWith("BYSTV2,CQ0001,", visits[1], StringComparison.Ordinal);
        Assert.Contains("超期完成", visits[1], StringComparison.Ordinal);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("preset=Custom&from=2026-05-02&to=2026-05-01", "to")]
    [InlineData("preset=Custom&from=2000-01-01&to=2026-01-01", "to")]
    [InlineData("preset=Custom&from=2026-05-01", "to")]
    [InlineData("preset=Forever", "preset")]
    [InlineData("from=yesterday&to=2026-05-01", "from")]
    public async Task BadPeriodsAreRefusedByName(string query, string field)
    {
        var f = await RecordsFixture.OfAsync(app);
        using var office = await app.CreateApiClientAsync(DemoAccounts.MaintenanceManager, DemoAccounts.Password);

        foreach (var url in new[]
        {
            $"/api/v1/statistics/maintenance?{query}", $"/api/v1/statistics/maintenance/export?{query}",
            $"/api/v1/statistics/maintenance/{f.Worker}/visits?{query}", $"/api/v1/statistics/maintenance/{f.Worker}/visits/export?{query}",
        })
        {
            var response = await office.GetAsync(url);
            Assert.True(HttpStatusCode.BadRequest == response.StatusCode, $"{url}: {response.StatusCode}");
            using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty(field, out _), url);
        }
    }

    [Theory]
    [InlineData("state=Sideways", "state")]
    [InlineData("pageSize=100000", "pageSize")]
    [InlineData("page=0", "page")]
    public async Task BadDrillDownParametersAreRefusedByName(string query, string field)
    {
        var f = await RecordsFixture.OfAsync(app);
        using var office = await app.CreateApiClientAsync(DemoAccounts.MaintenanceManager, DemoAccounts.Password);

        var response = await office.GetAsync($"/api/v1/statistics/maintenance/{f.Worker}/visits?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task ALongNameIsRefusedAndOutsidersAreKeptOut()
    {
        using var office = await app.CreateApiClientAsync(DemoAccounts.MaintenanceManager, DemoAccounts.Password);
        using var worker = await app.CreateApiClientAsync(DemoAccounts.MaintenanceWorker, DemoAccounts.Password);
        using var anonymous = app.CreateClient();

        Assert.Equal(HttpStatusCode.BadRequest, (await office.GetAsync("/api/v1/statistics/maintenance?worker=" + new string('x', 65))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/statistics/maintenance")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await worker.GetAsync("/api/v1/statistics/maintenance")).StatusCode);
    }

    internal static string[] Lines(string csv) =>
        csv.TrimStart('\uFEFF').Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray();
}
