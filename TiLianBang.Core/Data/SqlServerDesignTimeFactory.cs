using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using TiLianBang.Core.Accounts;

namespace TiLianBang.Core.Data;

/// <summary>Lets <c>dotnet ef</c> build the SQL Server context without a server or the web host.</summary>
public sealed class SqlServerDesignTimeFactory : IDesignTimeDbContextFactory<SqlServerTiLianBangDbContext>
{
    public SqlServerTiLianBangDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqlServerTiLianBangDbContext>()
                .UseSqlServer("Server=(local);Database=TiLianBang;Trusted_Connection=True;TrustServerCertificate=True")
                .Options,
            new CurrentActor(), TimeProvider.System);
}
