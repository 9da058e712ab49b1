using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;

namespace TiLianBang.Tests.Infrastructure;

/// <summary>
/// Most test apps start on the same demo database. Making it (migrations, demo seed, reference data, the first
/// maintenance orders) took most of a test app's start, well over a hundred times a run; instead one app makes it
/// and the others start on a copy of its data folder, which the start-up then finds complete. The copy is made
/// again when it is 10 minutes old or from another day in China, so the seeded data stays as recent as the
/// test's clock expects. The template is made on a clock that stands still at the first asking app's time, so no
/// row in it lies in the future of a later app's clock, and it holds no lease or claim of the app that made it: a
/// copy is a fresh installation, not a second node beside a running one.
/// </summary>
internal static class DemoDatabaseTemplate
{
    private static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(10);
    private static readonly TimeZoneInfo China = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
    private static readonly Lock Gate = new();
    private static string? _folder;
    private static DateTimeOffset _madeAt;

    /// <summary>
    /// Fills <paramref name="dataDirectory"/> (empty) with a copy of the template, made first if needed at
    /// <paramref name="clockNow"/>, the asking app's time.
    /// </summary>
    public static void CopyTo(string dataDirectory, DateTimeOffset clockNow)
    {
        // Copies too run under the lock: a template being replaced is never being read.
        lock (Gate)
        {
            if (_folder is null || clockNow - _madeAt > MaxAge || clockNow < _madeAt || DayInChina(clockNow) != DayInChina(_madeAt))
            {
                var previous = _folder;
                _madeAt = clockNow;
                _folder = Make(clockNow);
                TryDelete(previous);
            }
            Copy(_folder, dataDirectory);
        }
    }

    private static DateOnly DayInChina(DateTimeOffset time) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time, China).DateTime);

    private static string Make(DateTimeOffset clockNow)
    {
        var folder = Directory.CreateTempSubdirectory("tlb-template-").FullName;
        // A plain app in the template's folder: its start makes the database; stopping it drains its writer.
        var maker = new TiLianBangAppFactory(folder) { Clock = new FakeTimeProvider(clockNow) };
        _ = maker.Services;
        maker.Dispose();
        var database = Path.Combine(folder, "tilianbang.db");
        using (var connection = new SqliteConnection($"Data Source={database};Pooling=False"))
        {
            connection.Open();
            using var forget = connection.CreateCommand();
            // The maker's leases (released at its own time) and outbox claims would make a copy wait for a node
            // that is gone.
            forget.CommandText = """
                DELETE FROM "NodeLeases";
                UPDATE "Notifications" SET "ClaimedBy" = NULL, "ClaimedUntilUtc" = NULL;
                PRAGMA wal_checkpoint(TRUNCATE);
                """;
            forget.ExecuteNonQuery();
        }
        // Closing every pooled connection checkpoints the WAL into the database file, which is then complete.
        SqliteConnection.ClearAllPools();
        Debug.Assert(File.Exists(Path.Combine(folder, "tilianbang.db")));
        return folder;
    }

    private static void Copy(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(from, file);
            // The lock belongs to a running installation, the logs to the app that made the template.
            if (relative == "tilianbang.lock" || relative.StartsWith("logs", StringComparison.Ordinal))
            {
                continue;
            }
            var target = Path.Combine(to, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    private static void TryDelete(string? folder)
    {
        if (folder is null)
        {
            return;
        }
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // The OS cleans temp folders.
        }
    }
}
