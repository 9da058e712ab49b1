using Microsoft.Extensions.DependencyInjection;
using TiLianBang.Core.Common;
using TiLianBang.Core.Demo;
using TiLianBang.Core.Devices;
using TiLianBang.Core.FaultCodes;
using TiLianBang.Tests.Infrastructure;

namespace TiLianBang.Tests.FaultCodes;

/// <summary>SYS-2: the code table is seeded from the protocol, editable, and what the pipeline uses at once.</summary>
public sealed class FaultCodeTests(TiLianBangAppFactory app) : IClassFixture<TiLianBangAppFactory>
{
    private async Task<T> AsAdminAsync<T>(Func<FaultCodeService, Task<T>> work)
    {
        await using var scope = await app.ScopeAsAsync(DemoAccounts.PlatformAdmin);
        return await work(scope.ServiceProvider.GetRequiredService<FaultCodeService>());
    }

    private FaultCodeCatalog Catalog => app.Services.GetRequiredService<FaultCodeCatalog>();

    [Fact]
    public async Task TheProtocolTableIsSeeded()
    {
        var codes = await AsAdminAsync(s => s.SearchAsync(null, default));

        var trapped = Assert.Single(codes, c => c.Code == 11);
        Assert.Equal("困人", trapped.Name);
        Assert.True(trapped.CreatesOrder);
        Assert.True(trapped.PassengersTrapped);
        Assert.Equal(FaultSeverity.Critical, trapped.Severity);
        Assert.False(Assert.Single(codes, c => c.Code == 43).CreatesOrder);
        Assert.Equal(FaultKind.Alarm, Assert.Single(codes, c => c.Code == 90).Kind);
        Assert.Equal(FaultCodeDefaults.All.Count, codes.Count(c => c.Code < 100));
    }

    [Fact]
    public async Task AnAddedCodeIsUsedByTheCatalogAtOnce()
    {
        await AsAdminAsync(async s =>
        {
            await s.SaveAsync(new FaultCode { Code = 150, Name = "井道进水", Kind = FaultKind.Fault, Severity = FaultSeverity.Critical, CreatesOrder = true }, default);
            return true;
        });

        Assert.Equal("井道进水", Catalog.NameOf(150));
        Assert.True(Catalog.Find(150).CreatesOrder);
        Assert.Single(await AsAdminAsync(s => s.SearchAsync("井道", default)));
    }

    [Fact]
    public async Task ProtocolCodesCanBeRenamedButNotAddedOrDeleted()
    {
        await AsAdminAsync(async s =>
        {
            await s.SaveAsync(new FaultCode { Code = 2, Name = "关门故障（门机）", Kind = FaultKind.Fault, Severity = FaultSeverity.Serious, CreatesOrder = true }, default);
            return true;
        });
        var delete = await Assert.ThrowsAsync<DomainException>(() => AsAdminAsync(async s => { await s.DeleteAsync(2, default); return true; }));
        var add = await Assert.ThrowsAsync<ValidationException>(() => AsAdminAsync(async s =>
        {
            await s.SaveAsync(new FaultCode { Code = 77, Name = "自定义", Kind = FaultKind.Fault }, default);
            return true;
        }));

        Assert.Equal("关门故障（门机）", Catalog.NameOf(2));
        Assert.Equal(DomainErrorKind.Conflict, delete.Kind);
        Assert.Contains("Code", add.Errors.Keys);
    }

    [Fact]
    public async Task BadInputIsRefusedAndChangesNothing()
    {
        var error = await Assert.ThrowsAsync<ValidationException>(() => AsAdminAsync(async s =>
        {
            await s.SaveAsync(new FaultCode { Code = 1000, Name = "" }, default);
            return true;
        }));

        Assert.Equal(["Code", "Name"], error.Errors.Keys.Order());
        Assert.DoesNotContain(await AsAdminAsync(s => s.SearchAsync(null, default)), c => c.Code == 1000);
    }
}
