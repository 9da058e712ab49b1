using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TiLianBang.Core.Common;
using TiLianBang.Core.Demo;
using TiLianBang.Core.Organizations;
using TiLianBang.Tests.Infrastructure;

namespace TiLianBang.Tests.Organizations;

/// <summary>ARC-4: companies and communities, their checks, and deletes refused while something still refers to them.</summary>
public sealed class OrganizationTests(TiLianBangAppFactory app) : IClassFixture<TiLianBangAppFactory>
{
    private async Task<T> CompaniesAsync<T>(string userName, Func<CompanyDirectory, Task<T>> work)
    {
        await using var scope = await app.ScopeAsAsync(userName);
        return await work(scope.ServiceProvider.GetRequiredService<CompanyDirectory>());
    }

    private async Task<T> CommunitiesAsync<T>(Func<CommunityDirectory, Task<T>> work)
    {
        await using var scope = await app.ScopeAsAsync(DemoAccounts.PlatformAdmin);
        return await work(scope.ServiceProvider.GetRequiredService<CommunityDirectory>());
    }

    [Fact]
    public async Task AUserUnitIsAddedFoundEditedAndDeletedWhileUnused()
    {
        var input = new CompanyInput
        {
            Name = "重庆两路物业有限公司", Province = "重庆市", City = "重庆市", District = "渝北区", ContactPerson = "何经理",
            ContactPhone = "023-67001234", CreditCode = "91500112MA5U7LX12K", UnitCategory = "物业服务企业",
        };
        var added = await CompaniesAsync(DemoAccounts.PlatformAdmin, c => c.SaveAsync(CompanyKind.UserUnit, null, input, default));
        var found = await CompaniesAsync(DemoAccounts.PlatformAdmin, c => c.ListAsync(CompanyKind.UserUnit, "何经理", "渝北", default));
        await CompaniesAsync(DemoAccounts.PlatformAdmin, c => c.SaveAsync(CompanyKind.UserUnit, added.Id, input with { ContactPhone = "13800138000" }, default));
        var edited = await app.AsSystemAsync((_, db) => db.Companies.SingleAsync(c => c.Id == added.Id));
        await CompaniesAsync(DemoAccounts.PlatformAdmin, async c => { await c.DeleteAsync(CompanyKind.UserUnit, added.Id, default); return 0; });

        Assert.Equal(added.Id, Assert.Single(found).Id);
        Assert.Equal("13800138000", edited.ContactPhone);
        Assert.Equal("物业服务企业", edited.UnitCategory);
        Assert.False(await app.AsSystemAsync((_, db) => db.Companies.AnyAsync(c => c.Id == added.Id)));
    }

    [Fact]
    public async Task BadFieldsAreNamedAndASupervisorNeedsAtLeastACity()
    {
        var bad = new CompanyInput { Name = "", Province = "重庆市", ContactPhone = "12345", CreditCode = "ABC" };

        var refused = await Assert.ThrowsAsync<ValidationException>(() =>
            CompaniesAsync(DemoAccounts.PlatformAdmin, c => c.SaveAsync(CompanyKind.Supervisor, null, bad, default)));

        Assert.Equal(["City", "ContactPhone", "CreditCode", "Name"], refused.Errors.Keys.Order());
    }

    [Fact]
    public async Task DeletingACompanyOrCommunityStillInUseIsRefusedWithWhatUsesIt()
    {
        var maintainer = await app.AsSystemAsync((_, db) => db.Companies.SingleAsync(c => c.Name == "重庆渝安电梯工程有限公司"));
        var community = await app.AsSystemAsync((_, db) => db.Communities.OrderBy(c => c.Id).FirstAsync());

        var company = await Assert.ThrowsAsync<DomainException>(() =>
            CompaniesAsync(DemoAccounts.PlatformAdmin, async c => { await c.DeleteAsync(CompanyKind.MaintenanceCompany, maintainer.Id, default); return 0; }));
        var place = await Assert.ThrowsAsync<DomainException>(() =>
            CommunitiesAsync(async c => { await c.DeleteAsync(community.Id, default); return 0; }));

        Assert.Equal("company.in_use", company.Code);
        Assert.Contains("台电梯", company.Message);
        Assert.Contains("个账号", company.Message);
        Assert.Equal("community.in_use", place.Code);
        Assert.True(await app.AsSystemAsync((_, db) => db.Companies.AnyAsync(c => c.Id == maintainer.Id)));
    }

    [Fact]
    public async Task ACommunityNeedsALocationInChinaAndIsStoredInWgs84()
    {
        var noLocation = await Assert.ThrowsAsync<ValidationException>(() =>
            CommunitiesAsync(c => c.SaveAsync(null, new CommunityInput { Name = "空港·新城", Province = "重庆市" }, default)));
        Assert.Contains("地图", noLocation.Errors["Location"]);

        var picked = ChinaDatum.GcjToWgs(new GeoPoint(29.7212, 106.6405));
        var saved = await CommunitiesAsync(c => c.SaveAsync(null, new CommunityInput
        {
            Name = "空港·新城", Province = "重庆市", City = "重庆市", District = "渝北区", Latitude = picked.Latitude, Longitude = picked.Longitude,
        }, default));
        var rows = await CommunitiesAsync(c => c.ListAsync("空港", null, default));

        Assert.Equal(saved.Id, Assert.Single(rows).Id);
        Assert.Equal(Math.Round(picked.Latitude, 6), saved.Latitude);
    }

    [Theory]
    // eviltransform go/transform_test.go vectors (../shared/data/gcj02.md)
    [InlineData(31.1774276, 121.5272106, 31.17530398364597, 121.531541859215)]
    [InlineData(22.543847, 113.912316, 22.540796131694766, 113.9171764808363)]
    [InlineData(39.911954, 116.377817, 39.91334545536069, 116.38404722455657)]
    public void Gcj02ConversionMatchesThePublishedVectorsBothWays(double wgsLat, double wgsLng, double gcjLat, double gcjLng)
    {
        var gcj = ChinaDatum.WgsToGcj(new GeoPoint(wgsLat, wgsLng));
        var back = ChinaDatum.GcjToWgs(new GeoPoint(gcjLat, gcjLng));

        Assert.Equal(gcjLat, gcj.Latitude, 5);
        Assert.Equal(gcjLng, gcj.Longitude, 5);
        Assert.True(Geofence.DistanceMeters(back, new GeoPoint(wgsLat, wgsLng)) < 0.5);
        Assert.Equal(new GeoPoint(51.5, -0.12), ChinaDatum.WgsToGcj(new GeoPoint(51.5, -0.12)));
    }

    [Fact]
    public async Task ListsExportWhatIsFilteredAndOnlyToThoseWhoManageThem()
    {
        var admin = await app.CreateApiClientAsync(DemoAccounts.PlatformAdmin, DemoAccounts.Password);
        var units = await admin.GetStringAsync("/api/v1/companies/user-units/export?format=csv&search=" + Uri.EscapeDataString("山城"));
        var communities = await admin.GetStringAsync("/api/v1/communities/export?format=csv&region=" + Uri.EscapeDataString("江北"));
        var attributes = await admin.GetStringAsync("/api/v1/fault-attributes/export?format=csv");

        Assert.Contains("重庆山城物业服务有限公司", units, StringComparison.Ordinal);
        Assert.DoesNotContain("嘉陵", units, StringComparison.Ordinal);
        Assert.Contains("单位类别", units, StringComparison.Ordinal);
        Assert.Contains("观音桥·花园小区", communities, StringComparison.Ordinal);
        Assert.DoesNotContain("金开", communities, StringComparison.Ordinal);
        Assert.Contains("门系统", attributes, StringComparison.Ordinal);

        var worker = await app.CreateApiClientAsync(DemoAccounts.MaintenanceWorker, DemoAccounts.Password);
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, (await worker.GetAsync("/api/v1/companies/user-units/export")).StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, (await worker.GetAsync("/api/v1/communities/export")).StatusCode);
    }
}
