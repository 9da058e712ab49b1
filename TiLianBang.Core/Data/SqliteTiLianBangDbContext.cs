using Microsoft.EntityFrameworkCore;
using TiLianBang.Core.Accounts;

namespace TiLianBang.Core.Data;

/// <summary>The SQLite flavour; its migrations live in Data/Migrations/Sqlite.</summary>
public sealed class SqliteTiLianBangDbContext(
    DbContextOptions<SqliteTiLianBangDbContext> options, CurrentActor actor, TimeProvider clock)
    : TiLianBangDbContext(options, actor, clock)
{
    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        DatabaseFunctions.MapForSqlite(builder);
    }
}
