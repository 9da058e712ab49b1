using Microsoft.Data.Sqlite;
using TiLianBang.Core.Data;

namespace TiLianBang.Web.Hosting.Backups;

/// <summary>
/// What a backup holds and where it lives in an installation: the SQLite database (wherever the connection string
/// puts it) and, from the data folder, the uploaded files and the keys. Logs are not backed up.
/// </summary>
public sealed class BackupLayout
{
    /// <summary>The database's name inside a backup, whatever it is called in the installation.</summary>
    public const string DatabaseEntry = "tilianbang.db";

    /// <summary>
    /// Folders and files of the data folder that travel with the database: photos and documents (the database names
    /// them) and the keys (without them every user signs in again and every issued token is void).
    /// </summary>
    public static readonly IReadOnlyList<string> DataEntries = ["photos", "documents", "keys", "token-signing.key"];

    public BackupLayout(IConfiguration configuration, AppPaths paths)
    {
        Paths = paths;
        Provider = (configuration.GetSection("Database").Get<DatabaseOptions>() ?? new DatabaseOptions()).Provider;
        var configured = configuration.GetConnectionString("TiLianBang");
        DatabaseFile = Provider == DatabaseProvider.Sqlite && !string.IsNullOrWhiteSpace(configured)
            ? Path.GetFullPath(new SqliteConnectionStringBuilder(configured).DataSource, paths.DataDirectory)
            : paths.SqliteDatabase;
        var options = configuration.GetSection("Backup").Get<BackupOptions>() ?? new BackupOptions();
        Options = options;
        BackupDirectory = string.IsNullOrWhiteSpace(options.Directory)
            ? Path.Combine(paths.DataDirectory, "backups")
            : Path.GetFullPath(options.Directory, paths.DataDirectory);
    }

    public AppPaths Paths { get; }
    public DatabaseProvider Provider { get; }
    public string DatabaseFile { get; }
    public BackupOptions Options { get; }
    public string BackupDirectory { get; }

    /// <summary>The daily job runs on a SQLite installation whose configuration has not turned it off.</summary>
    public bool DailyBackupEnabled => Provider == DatabaseProvider.Sqlite && Options.Enabled;

    /// <summary>What an administrator reads when asking a SQL Server installation for a backup or a restore.</summary>
    public const string SqlServerAdvice =
        "This installation keeps its database on SQL Server (Database:Provider = SqlServer). Back it up and restore it " +
        "with SQL Server's own backups (a maintenance plan or BACKUP DATABASE / RESTORE DATABASE), and copy the data " +
        "folder's photos, documents, keys and token-signing.key with the server's file backup. See docs/operations.md.";
}
