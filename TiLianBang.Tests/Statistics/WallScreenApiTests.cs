using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using TiLianBang.Core.Demo;
using TiLianBang.Core.Statistics;
using TiLianBang.Tests.Infrastructure;

namespace TiLianBang.Tests.Statistics;

/// <summary>/api/v1/statistics/installed-base[/export] and /screen: scoped, validated, the export equal to the figures.</summary>
public sealed class WallScreenApiTests(TiLianBangAppFactory app) : IClassFixture<TiLianBangAppFactory>
{
    /// <summary>A person of the fixture's company (a copy of the demo maintenance manager moved into it).</summary>
    private async Task<(WallScreenFixture Fixture, HttpClient Client)> SignedInAsync()
    {
        WallScreenFixture.SetClock(app);
        var fixture = await WallScreenFixture.CreateAsync(app);
        var name = "screen" + Guid.NewGuid().ToString("N")[..8];
        var account = await app.CreateAccountLikeAsync(DemoAccounts.MaintenanceManager, name, DemoAccounts.Password, mustChangePassword: false);
        await app.AsSystemAsync((_, db) => db.Users.Where(u => u.Id == account.Id).ExecuteUpdateAsync(u => u.SetProperty(a => a.CompanyId, fixture.CompanyId)));
        return (fixture, await app.CreateApiClientAsync(name, DemoAccounts.Password));
    }

    [Fact]
    public async Task InstalledBaseAnswersTheCallersCompanyOnly()
    {
        var (_, client) = await SignedInAsync();

        var usage = await client.GetFromJsonAsync<List<InstalledBaseRow>>("/api/v1/statistics/installed-base?by=usage");
        var district = await client.GetFromJsonAsync<List<InstalledBaseRow>>("/api/v1/statistics/installed-base?by=district&district=城口县");

        Assert.Equal([2, 1, 1, 0, 1, 1, 0, 2], usage!.Select(r => r.Count));
        Assert.Equal([("城口县", 2)], district!.Select(r => (r.Label, r.Count)));
    }

    [Theory]
    [InlineData("by=region")]
    [InlineData("by=1")]
    public async Task AnUnknownGroupingIsAProblemNamingTheParameter(string query)
    {
        var (_, client) = await SignedInAsync();

        var response = await client.GetAsync($"/api/v1/statistics/installed-base?{query}");
        var export = await client.GetAsync($"/api/v1/statistics/installed-base/export?{query}&format=csv");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, export.StatusCode);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.NotNull(problem["errors"]!["by"]);
    }

    [Fact]
    public async Task TheExportHoldsTheSameRowsAsTheFigures()
    {
        var (_, client) = await SignedInAsync();

        var csv = await client.GetAsync("/api/v1/statistics/installed-base/export?by=age&format=csv");
        var xlsx = await client.GetAsync("/api/v1/statistics/installed-base/export?by=age");

        csv.EnsureSuccessStatusCode();
        var lines = Encoding.UTF8.GetString(await csv.Content.ReadAsByteArrayAsync()).TrimStart('\uFEFF').Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToList();
        Assert.Equal(["使用年限,电梯数", "0–5 年,2", "6–10 年,2", "11–15 年,1", "16–20 年,1", "20 年以上,1", "未知,1"], lines);
        xlsx.EnsureSuccessStatusCode();
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task TheScreenFiguresComeTogether()
    {
        var (fixture, client) = await SignedInAsync();
        await WallScreenFixture.AddRepairAsync(app, fixture.E(1), WallScreenFixture.Utc(2026, 12, 31, 15, 0), true);

        var figures = JsonNode.Parse(await client.GetStringAsync("/api/v1/statistics/screen"))!;

        Assert.Equal(8, figures["installedBase"]!["total"]!.GetValue<int>());
        Assert.Equal(1, figures["today"]!["rescues"]!.GetValue<int>());
        Assert.Equal(1, figures["rescuesThisMonth"]!["orders"]!.GetValue<int>());
    }

    [Fact]
    public async Task APersonWithoutTheScreenPermissionIsRefused()
    {
        var worker = await app.CreateApiClientAsync(DemoAccounts.MaintenanceWorker, DemoAccounts.Password);

        Assert.Equal(HttpStatusCode.Forbidden, (await worker.GetAsync("/api/v1/statistics/installed-base")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await worker.GetAsync("/api/v1/statistics/installed-base/export")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetAsync("/api/v1/statistics/screen")).StatusCode);
    }
}
