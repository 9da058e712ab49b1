using Microsoft.EntityFrameworkCore;
using TiLianBang.Core.Accounts;
using TiLianBang.Core.Devices.Recording;

namespace TiLianBang.Core.Data;

/// <summary>The SQL Server flavour; its migrations live in Data/Migrations/SqlServer.</summary>
public sealed class SqlServerTiLianBangDbContext(
    DbContextOptions<SqlServerTiLianBangDbContext> options, CurrentActor actor, TimeProvider clock)
    : TiLianBangDbContext(options, actor, clock)
{
    /// <summary>Binary comparison, as SQLite and the record writer compare (SQL Server still ignores trailing spaces).</summary>
    public const string ExactCollation = "Latin1_General_100_BIN2";

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        DatabaseFunctions.MapForSqlServer(builder);
        // A device's event ids are unique as the device writes them: "a1" and "A1" are two events, as on SQLite.
        // With the default case-insensitive collation the unique index would refuse the second one.
        builder.Entity<ElevatorEvent>().Property(e => e.DeviceId).UseCollation(ExactCollation);
        builder.Entity<ElevatorEvent>().Property(e => e.EventId).UseCollation(ExactCollation);
    }
}
