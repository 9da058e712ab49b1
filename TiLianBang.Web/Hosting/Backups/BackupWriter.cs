using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;

namespace TiLianBang.Web.Hosting.Backups;

/// <summary>A finished backup: its folder and what it holds.</summary>
public sealed record BackupResult(string Folder, BackupManifest Manifest)
{
    public long TotalBytes => Manifest.Files.Sum(f => f.Size);
}

/// <summary>
/// Makes a consistent copy of a running installation: SQLite's online backup API reads the database as one snapshot
/// while the device pipeline goes on writing (WAL readers never block writers), then the data folder's files are
/// copied. The copy is written into <c>NAME.partial</c> and renamed once its manifest is written, so a backup cut
/// short by a full disk never looks like a finished one.
/// </summary>
public sealed partial class BackupWriter(BackupLayout layout, TimeProvider clock, ILogger<BackupWriter> logger)
{
    public const string NamePrefix = "tilianbang-";

    /// <summary>Writes a new backup folder under <paramref name="targetDirectory"/> (created owner-only if missing).</summary>
    public async Task<BackupResult> CreateAsync(string targetDirectory, CancellationToken cancellationToken)
    {
        if (layout.Provider != Core.Data.DatabaseProvider.Sqlite)
        {
            throw new BackupException(BackupLayout.SqlServerAdvice);
        }
        if (!File.Exists(layout.DatabaseFile))
        {
            throw new BackupException($"There is no database at {layout.DatabaseFile}: check App:DataDirectory and ConnectionStrings:TiLianBang (the backup reads the same configuration as the service).");
        }
        targetDirectory = Path.GetFullPath(targetDirectory);
        var started = clock.GetTimestamp();
        string? partial = null;
        try
        {
            // The backup holds the keys and every password hash: only the service account may read it.
            if (!Directory.Exists(targetDirectory))
            {
                KeyFiles.CreateOwnerOnlyDirectory(targetDirectory);
            }
            var name = FreeName(targetDirectory, clock.GetUtcNow());
            partial = Path.Combine(targetDirectory, name + ".partial");
            KeyFiles.CreateOwnerOnlyDirectory(partial);
            var sources = DataFiles().ToList();
            EnsureFreeSpace(targetDirectory, EstimatedBytes(sources));

            var files = new List<BackupFile>();
            var database = Path.Combine(partial, BackupLayout.DatabaseEntry);
            await Task.Run(() => CopyDatabase(layout.DatabaseFile, database), cancellationToken);
            files.Add(await BackupManifest.DescribeAsync(partial, database, cancellationToken));
            foreach (var (source, relative) in sources)
            {
                var target = Path.Combine(partial, relative);
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(source, target);
                files.Add(await BackupManifest.DescribeAsync(partial, target, cancellationToken));
            }
            var manifest = new BackupManifest(BackupManifest.CurrentFormat, "TiLianBang", BackupManifest.ProgramVersion, clock.GetUtcNow(), files);
            await manifest.WriteAsync(partial, cancellationToken);
            var folder = Path.Combine(targetDirectory, name);
            Directory.Move(partial, folder);
            partial = null;
            var result = new BackupResult(folder, manifest);
            var elapsed = clock.GetElapsedTime(started);
            LogBackedUp(logger, folder, files.Count, result.TotalBytes, elapsed);
            return result;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or SqliteException)
        {
            throw new BackupException(
                $"Backup to {targetDirectory} failed: {e.Message} Check that the folder can be created, that the service account may write to it and that the disk has room.", e);
        }
        finally
        {
            if (partial is not null)
            {
                TryDelete(partial);
            }
        }
    }

    /// <summary>Deletes the oldest finished backups in <paramref name="directory"/> beyond the newest <paramref name="keep"/>.</summary>
    public IReadOnlyList<string> Prune(string directory, int keep)
    {
        if (!Directory.Exists(directory))
        {
            return [];
        }
        var old = Directory.GetDirectories(directory)
            .Where(d => BackupName().IsMatch(Path.GetFileName(d)) && File.Exists(Path.Combine(d, BackupManifest.FileName)))
            .OrderByDescending(d => Path.GetFileName(d), StringComparer.Ordinal)
            .Skip(Math.Max(1, keep))
            .ToList();
        foreach (var folder in old)
        {
            Directory.Delete(folder, recursive: true);
            LogPruned(logger, folder);
        }
        return old;
    }

    /// <summary>Every file under the data folder's backed-up entries, with its path inside the backup.</summary>
    private IEnumerable<(string Source, string Relative)> DataFiles()
    {
        var data = layout.Paths.DataDirectory;
        foreach (var entry in BackupLayout.DataEntries)
        {
            var path = Path.Combine(data, entry);
            if (File.Exists(path))
            {
                yield return (path, entry);
            }
            else if (Directory.Exists(path))
            {
                foreach (var file in Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
                {
                    yield return (file, Path.GetRelativePath(data, file));
                }
            }
        }
    }

    private long EstimatedBytes(IEnumerable<(string Source, string Relative)> sources)
    {
        var wal = layout.DatabaseFile + "-wal";
        return new FileInfo(layout.DatabaseFile).Length + (File.Exists(wal) ? new FileInfo(wal).Length : 0)
            + sources.Sum(s => new FileInfo(s.Source).Length);
    }

    /// <summary>Refuses before writing anything when the disk clearly cannot hold the copy (a full disk also hurts the service).</summary>
    private static void EnsureFreeSpace(string directory, long needed)
    {
        long free;
        try
        {
            free = new DriveInfo(directory).AvailableFreeSpace;
        }
        catch (Exception e) when (e is ArgumentException or IOException or UnauthorizedAccessException)
        {
            return;
        }
        if (free < needed)
        {
            throw new IOException(string.Create(CultureInfo.InvariantCulture,
                $"Not enough free disk space: the backup needs about {needed / 1048576.0:0.0} MB, {free / 1048576.0:0.0} MB are free."));
        }
    }

    /// <summary>
    /// One backup step over all pages holds a read snapshot for its whole length, so the copy is the database as of
    /// one moment; busy only happens while another connection recovers the WAL, so a few short retries suffice.
    /// </summary>
    private static void CopyDatabase(string source, string target)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                using var from = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = source, Mode = SqliteOpenMode.ReadWrite, Pooling = false }.ToString());
                using var to = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = target, Pooling = false }.ToString());
                from.Open();
                to.Open();
                from.BackupDatabase(to);
                // A backup is one self-contained file: no -wal beside it. The service turns WAL on again when it starts.
                Execute(to, "PRAGMA journal_mode=DELETE;");
                var check = Execute(to, "PRAGMA integrity_check;");
                if (check != "ok")
                {
                    throw new BackupException($"The copied database failed SQLite's integrity check: {check}");
                }
                return;
            }
            catch (SqliteException e) when (e.SqliteErrorCode is 5 or 6 && attempt < 5)
            {
                File.Delete(target);
                Thread.Sleep(TimeSpan.FromMilliseconds(200 * attempt));
            }
        }
    }

    private static string? Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar() as string;
    }

    private static string FreeName(string directory, DateTimeOffset now)
    {
        var name = NamePrefix + now.UtcDateTime.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
        for (var n = 2; Directory.Exists(Path.Combine(directory, name)) || Directory.Exists(Path.Combine(directory, name + ".partial")); n++)
        {
            name = NamePrefix + now.UtcDateTime.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture) + "-" + n.ToString(CultureInfo.InvariantCulture);
        }
        return name;
    }

    private static void TryDelete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Nothing more to do: a .partial folder is never taken for a backup.
        }
    }

    [GeneratedRegex(@"^tilianbang-\d{8}-\d{6}(-\d+)?$")]
    private static partial Regex BackupName();

    [LoggerMessage(Level = LogLevel.Information, Message = "Backup written to {Folder}: {Files} files, {Bytes} bytes in {Elapsed}")]
    private static partial void LogBackedUp(ILogger logger, string folder, int files, long bytes, TimeSpan elapsed);

    [LoggerMessage(Level = LogLevel.Information, Message = "Old backup {Folder} deleted (Backup:Keep)")]
    private static partial void LogPruned(ILogger logger, string folder);
}
