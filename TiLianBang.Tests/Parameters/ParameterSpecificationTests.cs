using Microsoft.Extensions.DependencyInjection;
using TiLianBang.Core.Common;
using TiLianBang.Core.Demo;
using TiLianBang.Core.Devices;
using TiLianBang.Core.Parameters;
using TiLianBang.Tests.Infrastructure;

namespace TiLianBang.Tests.Parameters;

/// <summary>SYS-4: the 8K parameter specification is seeded, editable, and refuses what would break it.</summary>
public sealed class ParameterSpecificationTests(TiLianBangAppFactory app) : IClassFixture<TiLianBangAppFactory>
{
    private async Task<T> AsAdminAsync<T>(Func<ParameterSpecification, Task<T>> work)
    {
        await using var scope = await app.ScopeAsAsync(DemoAccounts.PlatformAdmin);
        return await work(scope.ServiceProvider.GetRequiredService<ParameterSpecification>());
    }

    [Fact]
    public async Task TheDefaultSpecificationIsSeededUnderOneRootCategory()
    {
        var (categories, parameters) = await AsAdminAsync(async s => (await s.CategoriesAsync(default), await s.ParametersAsync(null, default)));

        var root = Assert.Single(categories, c => c.ParentId is null && c.Name == "8K 控制器参数");
        Assert.Contains(categories, c => c.ParentId == root.Id && c.Name == "F0 基本参数");
        Assert.True(parameters.Count >= DefaultParameters.All.Count);
        Assert.Equal("m/s", parameters.Single(p => p.Code == "F0-03").Unit);
    }

    [Fact]
    public async Task ParametersAreAddedEditedAndDeleted()
    {
        var category = await AsAdminAsync(s => s.SaveCategoryAsync(null, "F9 测试参数", null, default));

        var added = await AsAdminAsync(s => s.SaveParameterAsync(null, new ParameterInput { Code = "f9-01", Name = "测试参数", Unit = "s", Minimum = 0, Maximum = 10, CategoryId = category.Id }, default));
        await AsAdminAsync(s => s.SaveParameterAsync(added.Id, new ParameterInput { Code = "F9-01", Name = "改名参数", CategoryId = category.Id }, default));
        var afterEdit = await AsAdminAsync(s => s.ParametersAsync(category.Id, default));
        await AsAdminAsync(async s => { await s.DeleteParameterAsync(added.Id, default); return true; });
        var afterDelete = await AsAdminAsync(s => s.ParametersAsync(category.Id, default));

        Assert.Equal("F9-01", added.Code);
        Assert.Equal("改名参数", Assert.Single(afterEdit).Name);
        Assert.Empty(afterDelete);
    }

    [Fact]
    public async Task BadInputIsRefusedFieldByField()
    {
        var category = (await AsAdminAsync(s => s.CategoriesAsync(default)))[0];

        var error = await Assert.ThrowsAsync<ValidationException>(() => AsAdminAsync(s => s.SaveParameterAsync(null,
            new ParameterInput { Code = "?", Name = "", Minimum = 5, Maximum = 1, CategoryId = category.Id }, default)));
        var duplicate = await Assert.ThrowsAsync<DomainException>(() => AsAdminAsync(s => s.SaveParameterAsync(null,
            new ParameterInput { Code = "F0-03", Name = "重复", CategoryId = category.Id }, default)));

        Assert.Equal(["Code", "Maximum", "Name"], error.Errors.Keys.Order());
        Assert.Equal(DomainErrorKind.Conflict, duplicate.Kind);
    }

    [Fact]
    public async Task ACategoryCannotBecomeItsOwnDescendantOrBeDeletedWhileInUse()
    {
        var parent = await AsAdminAsync(s => s.SaveCategoryAsync(null, "上级", null, default));
        var child = await AsAdminAsync(s => s.SaveCategoryAsync(null, "下级", parent.Id, default));

        var cycle = await Assert.ThrowsAsync<ValidationException>(() => AsAdminAsync(s => s.SaveCategoryAsync(parent.Id, "上级", child.Id, default)));
        var inUse = await Assert.ThrowsAsync<DomainException>(() => AsAdminAsync(async s => { await s.DeleteCategoryAsync(parent.Id, default); return true; }));

        Assert.Contains("ParentId", cycle.Errors.Keys);
        Assert.Equal(DomainErrorKind.Conflict, inUse.Kind);
    }
}
