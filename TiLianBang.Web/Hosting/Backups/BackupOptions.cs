namespace TiLianBang.Web.Hosting.Backups;

/// <summary>Configuration section <c>Backup</c>: the daily copy of a SQLite installation.</summary>
public sealed class BackupOptions
{
    /// <summary>Runs the daily job; only a SQLite installation has one (SQL Server is backed up by the server).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Where the daily backups go; empty means <c>backups</c> in the data folder.</summary>
    public string? Directory { get; set; }

    /// <summary>How many daily backups are kept, newest first (at least one).</summary>
    public int Keep { get; set; } = 7;

    /// <summary>The local hour of the daily backup (0-23), a quiet hour by default.</summary>
    public int Hour { get; set; } = 2;
}
