using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using TiLianBang.Core.Accounts;

namespace TiLianBang.Core.Data;

/// <summary>Lets <c>dotnet ef</c> build the SQLite context without starting the web host.</summary>
public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteTiLianBangDbContext>
{
    public SqliteTiLianBangDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteTiLianBangDbContext>().UseSqlite("Data Source=design.db").Options,
            new CurrentActor(), TimeProvider.System);
}
