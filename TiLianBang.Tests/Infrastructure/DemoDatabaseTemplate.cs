using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace TiLianBang.Tests.Infrastructure;

/// <summary>
/// Most test apps start on the same demo database. Making it (migrations, demo seed, reference data, the first
/// maintenance orders) took most of a test app's start, well over a hundred times a run; instead one app makes it
/// and the others start on a copy of its data folder, which the start-up then finds complete. The copy is made
/// again when it is 10 minutes old or from another day in China, so the seeded data stays as recent as the
/// test's clock expects.
/// </summary>
internal static class DemoDatabaseTemplate
{
    private static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(10);
    private static readonly TimeZoneInfo China = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
    private static readonly Lock Gate = new();
    private static string? _folder;
    private static DateTimeOffset _madeAt;

    /// <summary>Fills <paramref name="dataDirectory"/> (empty) with a copy of the template, made first if needed.</summary>
    public static void CopyTo(string dataDirectory)
    {
        // Copies too run under the lock: a template being replaced is never being read.
        lock (Gate)
        {
            var now = DateTimeOffset.UtcNow;
            if (_folder is null || now - _madeAt > MaxAge || DayInChina(now) != DayInChina(_madeAt))
            {
                var previous = _folder;
                _madeAt = now;
                _folder = Make();
                TryDelete(previous);
            }
            Copy(_folder, dataDirectory);
        }
    }

    private static DateOnly DayInChina(DateTimeOffset time) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time, China).DateTime);

    private static string Make()
    {
        var folder = Directory.CreateTempSubdirectory("tlb-template-").FullName;
        // A plain app in the template's folder: its start makes the database; stopping it drains its writer.
        var maker = new TiLianBangAppFactory(folder);
        _ = maker.Services;
        maker.Dispose();
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
