using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using TiLianBang.Core.Accounts;
using TiLianBang.Core.Common;
using TiLianBang.Core.Demo;
using TiLianBang.Core.Elevators;
using TiLianBang.Tests.Infrastructure;

namespace TiLianBang.Tests.Api;

/// <summary>
/// 电梯档案管理 and 人员管理 export what the filtered page shows: the dashboard's expiry filters reach the export, so the
/// file's rows are the list's rows, never the whole unfiltered list and never another company's.
/// </summary>
public sealed class FilteredExportApiTests(TiLianBangAppFactory app) : IClassFixture<TiLianBangAppFactory>
{
    [Fact]
    public async Task AnArchiveExportWithTheExpiryFilterHoldsExactlyTheFilteredListsRows()
    {
        var today = app.Clock.Today();
        // Every elevator far from due, then by hand: 渝安's CQ0001 overdue and CQ0002 due in 10 days (both listed),
        // CQ0003 due in 31 days (not), and the other company's first elevator due tomorrow (never 渝安's).
        var (mine, other) = await app.AsSystemAsync(async (_, db) =>
        {
            await db.Elevators.ExecuteUpdateAsync(s => s
                .SetProperty(e => e.NextInspectionDate, (DateOnly?)today.AddDays(400)).SetProperty(e => e.MaintenanceContractEndDate, (DateOnly?)today.AddDays(400)));
            var mine = await db.Elevators.Where(e => e.MaintenanceCompany!.Name == DemoStaff.MaintenanceA).OrderBy(e => e.Number).Take(3).ToListAsync();
            var other = await db.Elevators.Where(e => e.MaintenanceCompany!.Name == DemoStaff.MaintenanceB).OrderBy(e => e.Number).FirstAsync();
            (mine[0].NextInspectionDate, mine[1].NextInspectionDate, mine[2].NextInspectionDate) = (today.AddDays(-5), today.AddDays(10), today.AddDays(31));
            mine[1].MaintenanceContractEndDate = today.AddDays(3);
            other.NextInspectionDate = today.AddDays(1);
            await db.SaveChangesAsync();
            return (mine.Select(e => e.Number).ToList(), other.Number);
        });
        var client = await app.CreateApiClientAsync(DemoAccounts.MaintenanceManager, DemoAccounts.Password);

        var listed = await ListedNumbersAsync(client, "expiring=inspection");
        var exported = await ExportedColumnAsync(client, "/api/v1/elevators/export?format=xlsx&expiring=inspection", "电梯编号*");
        var unfiltered = await ExportedColumnAsync(client, "/api/v1/elevators/export?format=xlsx", "电梯编号*");

        Assert.Equal([mine[0], mine[1]], listed);
        Assert.Equal(listed, exported);
        Assert.NotEqual(exported.Count, unfiltered.Count);
        Assert.DoesNotContain(other, unfiltered);
        Assert.Equal([mine[1]], await ExportedColumnAsync(client, "/api/v1/elevators/export?format=csv&expiring=Contract", "电梯编号*"));
        Assert.Equal([mine[1]], await ExportedColumnAsync(client, $"/api/v1/elevators/export?format=xlsx&expiring=inspection&search={mine[1]}", "电梯编号*"));
        Assert.Equal([mine[1]], await ListedNumbersAsync(client, $"expiring=inspection&search={mine[1]}"));
    }

    [Theory]
    [InlineData("/api/v1/elevators?expiring=soon")]
    [InlineData("/api/v1/elevators?expiring=1")]
    [InlineData("/api/v1/elevators/export?format=xlsx&expiring=soon")]
    public async Task AnUnknownExpiryIsAClearBadRequest(string url)
    {
        var client = await app.CreateApiClientAsync(DemoAccounts.MaintenanceManager, DemoAccounts.Password);

        var response = await client.GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("expiring", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnAccountExportWithTheCertificateFiltersHoldsExactlyTheFilteredListsRows()
    {
        var today = app.Clock.Today();
        // 渝安's people named "fx-": one expired, two due within 30 days (today and in 30), one in 31 days, one without;
        // 渝安2's "fx-" person due tomorrow must never show to 渝安.
        var due = new (string User, string Like, int? Days)[]
        {
            ("fx-expired", DemoAccounts.MaintenanceWorker, -1), ("fx-today", DemoAccounts.MaintenanceWorker, 0),
            ("fx-edge", DemoAccounts.MaintenanceWorker, 30), ("fx-later", DemoAccounts.MaintenanceWorker, 31),
            ("fx-none", DemoAccounts.MaintenanceWorker, null), ("fx-other", DemoAccounts.OtherMaintenanceManager, 1),
        };
        foreach (var (user, like, days) in due)
        {
            var account = await app.CreateAccountLikeAsync(like, user, "Filtered-pass-1", mustChangePassword: false);
            await app.AsSystemAsync(async (_, db) =>
            {
                (await db.Users.SingleAsync(u => u.Id == account.Id)).Certificate = new OperatorCertificate
                {
                    Number = days is null ? null : "TS-" + user, ExpiresOn = days is { } d ? today.AddDays(d) : null,
                };
                return await db.SaveChangesAsync();
            });
        }
        var client = await app.CreateApiClientAsync(DemoAccounts.MaintenanceManager, DemoAccounts.Password);

        var expiring = await ListedUsersAsync(client, "text=fx-&certificateExpiring=true");
        var expiringExport = await ExportedColumnAsync(client, "/api/v1/accounts/export?format=xlsx&text=fx-&certificateExpiring=true", "用户名");
        var expiredExport = await ExportedColumnAsync(client, "/api/v1/accounts/export?format=csv&text=fx-&certificateExpired=true", "用户名");
        var unfiltered = await ExportedColumnAsync(client, "/api/v1/accounts/export?format=xlsx&text=fx-", "用户名");

        Assert.Equal(["fx-edge", "fx-today"], expiring.Order());
        Assert.Equal(expiring.Order(), expiringExport.Order());
        Assert.Equal(["fx-expired"], expiredExport);
        Assert.Equal(await ListedUsersAsync(client, "text=fx-&certificateExpired=true"), expiredExport);
        Assert.Equal(["fx-edge", "fx-expired", "fx-later", "fx-none", "fx-today"], unfiltered.Order());
    }

    private static async Task<List<string>> ListedNumbersAsync(HttpClient client, string query) =>
        [.. (await client.GetFromJsonAsync<PagedList<ElevatorSummary>>($"/api/v1/elevators?pageSize=100&{query}", ApiJson.Options))!.Items.Select(e => e.Number)];

    private static async Task<List<string>> ListedUsersAsync(HttpClient client, string query) =>
        [.. (await client.GetFromJsonAsync<PagedList<AccountView>>($"/api/v1/accounts?pageSize=100&{query}", ApiJson.Options))!.Items.Select(a => a.UserName)];

    /// <summary>One column of a downloaded export, read back as a spreadsheet program would (xlsx or csv).</summary>
    private static async Task<List<string>> ExportedColumnAsync(HttpClient client, string url, string column)
    {
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var file = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        var type = url.Contains("format=csv", StringComparison.Ordinal) ? ExcelType.CSV : ExcelType.XLSX;
        var rows = await file.QueryAsync(useHeaderRow: true, excelType: type);
        return [.. rows.Cast<IDictionary<string, object?>>().Select(r => Convert.ToString(r[column], System.Globalization.CultureInfo.InvariantCulture)!)];
    }
}
