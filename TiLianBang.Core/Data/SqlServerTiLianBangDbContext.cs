using Microsoft.EntityFrameworkCore;
using TiLianBang.Core.Accounts;

namespace TiLianBang.Core.Data;

/// <summary>The SQL Server flavour; its migrations live in Data/Migrations/SqlServer.</summary>
public sealed class SqlServerTiLianBangDbContext(
    DbContextOptions<SqlServerTiLianBangDbContext> options, CurrentActor actor, TimeProvider clock)
    : TiLianBangDbContext(options, actor, clock);
