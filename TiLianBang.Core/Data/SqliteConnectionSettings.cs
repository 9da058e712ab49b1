using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;
using SQLitePCL;

namespace TiLianBang.Core.Data;

/// <summary>
/// Per-connection SQLite settings, applied once to each pooled native connection when it is first opened.
/// A page cache of 64 MB instead of SQLite's 2 MB: the record writer's inserts touch a leaf page per collector in
/// the events' unique index (device, event id) and the right edge of the others, which at thousands of collectors
/// is far more than 2 MB; re-reading those pages was most of the writer's time at saturation (QoS 1 events
/// 16,500 -> 24,000/s, issue 20). The cache fills only as pages are read, so an idle connection costs nothing.
/// </summary>
public sealed class SqliteConnectionSettings : DbConnectionInterceptor
{
    public const int CacheKiB = 65536;

    // Keyed by the native handle: EF makes a new SqliteConnection per context, the pool reuses the handle under it.
    private readonly ConditionalWeakTable<sqlite3, object> _applied = new();

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Apply(connection);
        return Task.CompletedTask;
    }

    private void Apply(DbConnection connection)
    {
        if (connection is not SqliteConnection { Handle: { } handle } sqlite || _applied.TryGetValue(handle, out _))
        {
            return;
        }
        using var command = sqlite.CreateCommand();
        command.CommandText = $"PRAGMA cache_size=-{CacheKiB};";
        command.ExecuteNonQuery();
        _applied.AddOrUpdate(handle, handle);
    }
}
