using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TiLianBang.Core.Common;
using TiLianBang.Core.Demo;
using TiLianBang.Core.IoPoints;
using TiLianBang.Tests.Infrastructure;

namespace TiLianBang.Tests.IoPoints;

public sealed class IoPointNameTests(TiLianBangAppFactory app) : IClassFixture<TiLianBangAppFactory>
{
    [Fact]
    public async Task DefaultNamesAreSeededOnce()
    {
        var names = await app.AsSystemAsync((services, _) => services.GetRequiredService<IoPointNames>().LookupAsync(default));

        Assert.Equal("开门到位", names[(IoPointKind.Input, 1)]);
        Assert.Equal("上行输出", names[(IoPointKind.Output, 0)]);
        Assert.True(names.Count >= IoPointNames.Defaults.Count);
    }

    [Fact]
    public async Task RenamingAndNamingANewPointAreStoredAndLogged()
    {
        await using (var scope = await app.ScopeAsAsync(DemoAccounts.PlatformAdmin))
        {
            var io = scope.ServiceProvider.GetRequiredService<IoPointNames>();
            await io.RenameAsync(IoPointKind.Input, 7, "  门锁回路（厅门） ", default);
            await io.RenameAsync(IoPointKind.Output, 9, "照明输出", default);
        }

        var names = await app.AsSystemAsync((services, _) => services.GetRequiredService<IoPointNames>().LookupAsync(default));
        Assert.Equal("门锁回路（厅门）", names[(IoPointKind.Input, 7)]);
        Assert.Equal("照明输出", names[(IoPointKind.Output, 9)]);
        var logged = await app.AsSystemAsync((_, db) => db.OperationLogs.CountAsync(l => l.Target!.StartsWith("IoPointName#") && l.UserName == DemoAccounts.PlatformAdmin));
        Assert.Equal(2, logged);
    }

    [Theory]
    [InlineData(0, "")]
    [InlineData(2, "这个名称一共有三十三个字符这个名称一共有三十三个字符这个名称一共有三十")]
    [InlineData(300, "越界")]
    public async Task BadNamesOrIndexesAreRefusedAndChangeNothing(int index, string name)
    {
        await using var scope = await app.ScopeAsAsync(DemoAccounts.PlatformAdmin);
        var io = scope.ServiceProvider.GetRequiredService<IoPointNames>();
        var before = await io.LookupAsync(default);

        await Assert.ThrowsAsync<ValidationException>(() => io.RenameAsync(IoPointKind.Input, index, name, default));

        Assert.Equal(before, await io.LookupAsync(default));
    }
}
