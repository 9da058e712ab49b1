using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using TiLianBang.Core.Accounts;
using TiLianBang.Core.Common;
using TiLianBang.Core.Demo;
using TiLianBang.Core.Organizations;
using TiLianBang.Core.Statistics;

namespace TiLianBang.Tests.Statistics;

/// <summary>STA-6 数据分析: months in China time, counted from hand-dated orders; the endpoint, its export and its refusals.</summary>
public sealed class TrendsTests(StatisticsAppFactory app) : IClassFixture<StatisticsAppFactory>
{
    private async Task<MonthlyTrends> TrendsAsync(int? year)
    {
        var data = await app.DataAsync();
        await using var scope = app.ScopeAs(1, data.MaintainerId, CompanyKind.MaintenanceCompany, null, Permissions.StatisticsAnalysis);
        return await scope.ServiceProvider.GetRequiredService<Trends>().MonthlyAsync(year, default);
    }

    private static MonthlyTrend Month(MonthlyTrends trends, int year, int month) => trends.Months.Single(m => m.Year == year && m.Month == month);

    [Fact]
    public async Task LastTwelveMonthsCountByChinaMonthsAndOnlyTheCompanysOwnRecords()
    {
        var trends = await TrendsAsync(null);

        Assert.Equal(new DateOnly(2026, 5, 1), trends.From);
        Assert.Equal(new DateOnly(2027, 4, 30), trends.To);
        Assert.Equal(12, trends.Months.Count);
        // April 2027: the fault at 03-31 17:00 UTC (01:00 China) and the eight current orders of the last days.
        Assert.Equal(new MonthlyTrend(2027, 4, Faults: 9, Rescues: 1, MaintenanceVisits: 1, NewInstallations: 1), Month(trends, 2027, 4));
        Assert.Equal(new MonthlyTrend(2027, 3, 1, 0, 0, 0), Month(trends, 2027, 3));
        Assert.Equal(new MonthlyTrend(2027, 2, 1, 1, 1, 0), Month(trends, 2027, 2));
        Assert.Equal(new MonthlyTrend(2027, 1, 0, 0, 0, 0), Month(trends, 2027, 1));
        Assert.Equal(new MonthlyTrend(2026, 12, 0, 0, 0, 1), Month(trends, 2026, 12));
        // 2026-04-30 16:30 UTC is 1 May in China: inside; 15:30 UTC is still 30 April: outside.
        Assert.Equal(new MonthlyTrend(2026, 5, 1, 0, 0, 0), Month(trends, 2026, 5));
        Assert.Equal(12, trends.Months.Sum(m => m.Faults));
    }

    [Fact]
    public async Task AChosenYearIsItsTwelveCalendarMonths()
    {
        var trends = await TrendsAsync(2026);

        Assert.Equal(Enumerable.Range(1, 12), trends.Months.Select(m => m.Month));
        Assert.Equal(new MonthlyTrend(2026, 4, 1, 0, 0, 1), Month(trends, 2026, 4));
        Assert.Equal(new MonthlyTrend(2026, 5, 1, 0, 0, 0), Month(trends, 2026, 5));
        Assert.Equal(new MonthlyTrend(2026, 12, 0, 0, 0, 1), Month(trends, 2026, 12));
        Assert.Equal(2, trends.Months.Sum(m => m.Faults));
    }

    [Theory]
    [InlineData(1999)]
    [InlineData(2028)]
    public async Task AYearOutOfRangeIsRefused(int year)
    {
        var refused = await Assert.ThrowsAsync<ValidationException>(() => TrendsAsync(year));
        Assert.Contains("year", refused.Errors.Keys);
    }

    [Fact]
    public async Task AnotherCompanysFaultCountsForThePlatformButNeverForTheCompany()
    {
        await app.DataAsync();
        await using var scope = app.ScopeAs(1, 1, CompanyKind.Platform, null, Permissions.StatisticsAnalysis);
        var everything = await scope.ServiceProvider.GetRequiredService<Trends>().MonthlyAsync(null, default);
        var own = await TrendsAsync(null);

        Assert.Equal(1, Month(own, 2027, 3).Faults);
        Assert.Equal(0, Month(own, 2027, 3).Rescues);
        Assert.Equal(2, Month(everything, 2027, 3).Faults);
        Assert.Equal(1, Month(everything, 2027, 3).Rescues);
    }

    [Fact]
    public async Task EndpointAndExportGiveTheSameMonthsAndRefuseBadInput()
    {
        await app.DataAsync();
        var client = await app.CreateApiClientAsync(DemoAccounts.PlatformAdmin, DemoAccounts.Password);

        var json = await client.GetFromJsonAsync<MonthlyTrends>("/api/v1/statistics/trends?year=2026");
        var csv = await client.GetStringAsync("/api/v1/statistics/trends/export?year=2026&format=csv");
        var xlsx = await client.GetAsync("/api/v1/statistics/trends/export?year=2026");

        var lines = csv.Trim('\uFEFF').Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(13, lines.Length);
        for (var i = 0; i < 12; i++)
        {
            var m = json!.Months[i];
            Assert.Equal(string.Create(CultureInfo.InvariantCulture, $"{m.Label},{m.Faults},{m.Rescues},{m.MaintenanceVisits},{m.NewInstallations}"), lines[i + 1]);
        }
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx.Content.Headers.ContentType?.MediaType);
        foreach (var bad in new[] { "year=1900", "year=99999", "year=abc" })
        {
            var response = await client.GetAsync($"/api/v1/statistics/trends?{bad}");
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public async Task TrendsNeedThePermissionAndASignIn()
    {
        await app.DataAsync();
        var anonymous = app.CreateClient();
        var worker = await app.CreateApiClientAsync(DemoAccounts.MaintenanceWorker, DemoAccounts.Password);

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/statistics/trends")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await worker.GetAsync("/api/v1/statistics/trends")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await worker.GetAsync("/api/v1/statistics/trends/export")).StatusCode);
    }
}
