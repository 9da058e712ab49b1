using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using TiLianBang.Core.Accounts;

namespace TiLianBang.Core.Data;

/// <summary>Brings the database to the current schema at start-up; an upgrade keeps the data (migrations).</summary>
public sealed partial class DatabaseInitializer(TiLianBangDbContext db, CurrentActor actor, ILogger<DatabaseInitializer> logger)
{
    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        actor.SetSystem("system:migrate");
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        if (pending.Count > 0)
        {
            LogApplying(logger, pending.Count, pending);
        }
        await db.Database.MigrateAsync(cancellationToken);
        if (db.Database.IsSqlite())
        {
            // WAL lets the live pages read while the device pipeline writes; the setting is stored in the file.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Applying {Count} database migration(s): {Migrations}")]
    private static partial void LogApplying(ILogger logger, int count, IReadOnlyList<string> migrations);
}
