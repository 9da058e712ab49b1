using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using TiLianBang.Core.Common;
using TiLianBang.Core.Demo;
using TiLianBang.Core.Statistics;
using TiLianBang.Tests.Api;

namespace TiLianBang.Tests.Statistics;

/// <summary>STA-2 over HTTP: figures, export, drill-down, company scope and refused parameters.</summary>
public sealed class FaultStatisticsApiTests(FaultStatisticsApp app) : IClassFixture<FaultStatisticsApp>
{
    private static string K(int id) => id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private const string March = "preset=custom&from=" + FaultStatisticsFixture.From + "&to=" + FaultStatisticsFixture.To;

    private async Task<HttpClient> ClientAsync(string userName)
    {
        await app.SeededAsync();
        return await app.CreateApiClientAsync(userName, DemoAccounts.Password);
    }

    [Fact]
    public async Task TheFiguresFollowTheCallersCompany()
    {
        var ids = await app.SeededAsync();
        using var mine = await ClientAsync(DemoAccounts.MaintenanceManager);
        using var theirs = await ClientAsync(DemoAccounts.OtherMaintenanceManager);

        var brands = await mine.GetOkAsync<FaultStatisticsResult>("/api/v1/statistics/faults?dimension=brand&" + March);
        Assert.Equal(6, brands.Total);
        Assert.Equal([("测A", 5), (FaultStatistics.NoneKey, 1)], brands.Rows.Select(r => (r.Key, r.Count)));

        var other = await theirs.GetOkAsync<FaultStatisticsResult>("/api/v1/statistics/faults?dimension=Elevator&top=20&" + March);
        Assert.Equal([(K(ids.E4), 2)], other.Rows.Select(r => (r.Key, r.Count)));
        var notTheirs = await theirs.GetOkAsync<PagedList<FaultOrderRow>>($"/api/v1/statistics/faults/orders?dimension=elevator&key={ids.E1}&" + March);
        Assert.Equal(0, notTheirs.Total);
    }

    [Fact]
    public async Task TheExportHasTheRowsOfTheTable()
    {
        using var client = await ClientAsync(DemoAccounts.MaintenanceManager);
        var table = await client.GetOkAsync<FaultStatisticsResult>("/api/v1/statistics/faults?dimension=faultCode&" + March);
        var response = await client.GetAsync("/api/v1/statistics/faults/export?dimension=faultCode&format=csv&" + March);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var lines = (await response.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.StartsWith("故障代码,故障次数,占比 %,电梯台数,每台每年,运行次数,每千次运行", lines[0]);
        Assert.Equal(table.Rows.Select(r => $"{r.Label},{r.Count}"), lines.Skip(1).Select(l => string.Join(',', l.Split(',').Take(2))));
        Assert.Equal(["2 关门故障,3", "无故障代码,2", "3 开门故障,1"], lines.Skip(1).Select(l => string.Join(',', l.Split(',').Take(2))));

        var xlsx = await client.GetAsync("/api/v1/statistics/faults/export?dimension=faultCode&" + March);
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        Assert.EndsWith(".xlsx", xlsx.Content.Headers.ContentDisposition?.FileNameStar ?? xlsx.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
    }

    [Fact]
    public async Task TheDrillDownPagesTheCountedOrders()
    {
        var ids = await app.SeededAsync();
        using var client = await ClientAsync(DemoAccounts.MaintenanceManager);
        var first = await client.GetOkAsync<PagedList<FaultOrderRow>>($"/api/v1/statistics/faults/orders?dimension=elevator&key={ids.E1}&pageSize=2&" + March);
        var second = await client.GetOkAsync<PagedList<FaultOrderRow>>($"/api/v1/statistics/faults/orders?dimension=elevator&key={ids.E1}&pageSize=2&page=2&" + March);

        Assert.Equal(3, first.Total);
        Assert.Equal([ids.Orders["o2"], ids.Orders["o5"], ids.Orders["o1"]], first.Items.Concat(second.Items).Select(o => o.Id));
        var none = await client.GetOkAsync<PagedList<FaultOrderRow>>("/api/v1/statistics/faults/orders?dimension=faultCode&key=~none&" + March);
        Assert.Equal(new[] { ids.Orders["o6"], ids.Orders["o7"] }.Order(), none.Items.Select(o => o.Id).Order());
    }

    [Theory]
    [InlineData("/api/v1/statistics/faults?dimension=colour", "dimension")]
    [InlineData("/api/v1/statistics/faults?dimension=7", "dimension")]
    [InlineData("/api/v1/statistics/faults?preset=lastCentury", "preset")]
    [InlineData("/api/v1/statistics/faults?preset=custom&from=2020-03-31&to=2020-03-01", "to")]
    [InlineData("/api/v1/statistics/faults?preset=custom&from=2000-01-01&to=2020-03-01", "to")]
    [InlineData("/api/v1/statistics/faults?preset=custom&from=2020-13-01&to=2020-03-01", "from")]
    [InlineData("/api/v1/statistics/faults?preset=custom&from=2020-03-01", "to")]
    [InlineData("/api/v1/statistics/faults?top=100000", "top")]
    [InlineData("/api/v1/statistics/faults/export?top=7&format=csv", "top")]
    [InlineData("/api/v1/statistics/faults/orders?key=1&pageSize=100000", "pageSize")]
    [InlineData("/api/v1/statistics/faults/orders?dimension=elevator&key=abc", "key")]
    [InlineData("/api/v1/statistics/faults/orders?dimension=elevator", "key")]
    [InlineData("/api/v1/statistics/faults/orders?dimension=elevator&key=~none", "key")]
    public async Task BadParametersAreRefusedWithTheirField(string url, string field)
    {
        using var client = await ClientAsync(DemoAccounts.MaintenanceManager);
        var response = await client.GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AnonymousCallersAreTurnedAway()
    {
        await app.SeededAsync();
        using var anonymous = app.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/statistics/faults")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/statistics/faults/export")).StatusCode);
    }
}
