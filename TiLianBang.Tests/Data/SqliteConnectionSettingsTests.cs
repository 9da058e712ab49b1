using Microsoft.EntityFrameworkCore;
using TiLianBang.Core.Data;
using TiLianBang.Tests.Infrastructure;

namespace TiLianBang.Tests.Data;

/// <summary>Every connection the application opens, pooled or new, has the larger page cache the record writer needs.</summary>
public sealed class SqliteConnectionSettingsTests(TiLianBangAppFactory app) : IClassFixture<TiLianBangAppFactory>
{
    [Fact]
    public async Task EachConnectionHasTheLargerPageCache()
    {
        // Several contexts at once: the pool hands out more than one native connection.
        var sizes = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => app.AsSystemAsync(async (_, db) =>
        {
            await db.Database.OpenConnectionAsync();
            try
            {
                await Task.Yield();
                return await db.Database.SqlQueryRaw<long>("SELECT cache_size AS Value FROM pragma_cache_size()").SingleAsync();
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }
        })));

        Assert.All(sizes, size => Assert.Equal(-SqliteConnectionSettings.CacheKiB, size));
    }
}
