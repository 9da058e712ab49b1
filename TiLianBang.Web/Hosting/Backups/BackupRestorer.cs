using System.Globalization;

namespace TiLianBang.Web.Hosting.Backups;

/// <summary>
/// Puts a backup in place of a STOPPED installation's data: checks the backup against its manifest, makes sure no
/// service runs on the data folder (and keeps any from starting meanwhile), moves the current database (with its
/// -wal and -shm, which must never meet another database file), keys and files aside into
/// <c>before-restore-TIME</c>, and copies the backup in. A failure half way moves the old data back.
/// </summary>
public sealed partial class BackupRestorer(BackupLayout layout, TimeProvider clock, ILogger<BackupRestorer> logger)
{
    public const string AsidePrefix = "before-restore-";

    /// <summary>Restores <paramref name="backupFolder"/>; returns the folder the replaced data was moved to.</summary>
    public async Task<string> RestoreAsync(string backupFolder, CancellationToken cancellationToken)
    {
        if (layout.Provider != Core.Data.DatabaseProvider.Sqlite)
        {
            throw new BackupException(BackupLayout.SqlServerAdvice);
        }
        backupFolder = Path.GetFullPath(backupFolder);
        var manifest = await BackupManifest.ReadVerifiedAsync(backupFolder, cancellationToken);
        if (manifest.Version != BackupManifest.ProgramVersion)
        {
            LogOtherVersion(logger, manifest.Version, BackupManifest.ProgramVersion);
        }
        var data = layout.Paths.DataDirectory;
        using var hold = InstallationLock.TryHoldExclusive(data)
            ?? throw new BackupException($"TiLianBang is running on {data} (it holds {InstallationLock.FileName}). Stop the service (and every other node on this data folder), then restore.");

        var aside = Path.Combine(data, AsidePrefix + clock.GetUtcNow().UtcDateTime.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture));
        Directory.CreateDirectory(aside);
        var moved = new List<(string From, string To)>();
        var written = new List<string>();
        try
        {
            foreach (var path in ReplacedPaths())
            {
                var to = Path.Combine(aside, Path.GetFileName(path));
                if (File.Exists(path))
                {
                    File.Move(path, to);
                    moved.Add((path, to));
                }
                else if (Directory.Exists(path))
                {
                    Directory.Move(path, to);
                    moved.Add((path, to));
                }
            }
            foreach (var file in manifest.Files)
            {
                var target = file.Path == BackupLayout.DatabaseEntry
                    ? layout.DatabaseFile
                    : Path.Combine(data, file.Path.Replace('/', Path.DirectorySeparatorChar));
                var folder = Path.GetDirectoryName(target)!;
                if (!Directory.Exists(folder))
                {
                    Directory.CreateDirectory(folder);
                    written.Add(folder);
                }
                File.Copy(Path.Combine(backupFolder, file.Path), target);
                written.Add(target);
            }
            // The keys come back owner-only whatever the copy did to their modes.
            KeyFiles.SecureExisting(layout.Paths);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Undo(written, moved);
            throw new BackupException($"Restore failed and the previous data was put back: {e.Message}", e);
        }
        LogRestored(logger, backupFolder, manifest.CreatedAtUtc, manifest.Files.Count, aside);
        return aside;
    }

    /// <summary>What the backup replaces: the database with its journal files, the uploaded files and the keys (logs stay).</summary>
    private IEnumerable<string> ReplacedPaths()
    {
        var database = layout.DatabaseFile;
        foreach (var suffix in new[] { "", "-wal", "-shm", "-journal" })
        {
            yield return database + suffix;
        }
        foreach (var entry in BackupLayout.DataEntries)
        {
            yield return Path.Combine(layout.Paths.DataDirectory, entry);
        }
    }

    private static void Undo(List<string> written, List<(string From, string To)> moved)
    {
        foreach (var path in Enumerable.Reverse(written))
        {
            try
            {
                if (File.Exists(path))
                {
                    File.Delete(path);
                }
                else if (Directory.Exists(path))
                {
                    Directory.Delete(path, recursive: true);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
            }
        }
        foreach (var (from, to) in Enumerable.Reverse(moved))
        {
            try
            {
                if (File.Exists(to))
                {
                    File.Move(to, from, overwrite: true);
                }
                else if (Directory.Exists(to) && !Directory.Exists(from))
                {
                    Directory.Move(to, from);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The backup was made by version {BackupVersion}, this program is {ProgramVersion}; start-up migrates an older database, a newer one needs the newer program")]
    private static partial void LogOtherVersion(ILogger logger, string backupVersion, string programVersion);

    [LoggerMessage(Level = LogLevel.Information, Message = "Restored the backup {Folder} of {CreatedAtUtc:u} ({Files} files); the replaced data is in {Aside}")]
    private static partial void LogRestored(ILogger logger, string folder, DateTimeOffset createdAtUtc, int files, string aside);
}
