namespace TiLianBang.Core.Data;

/// <summary>
/// Where the data lives. <c>Database:Provider</c> picks the provider; <c>ConnectionStrings:TiLianBang</c> the
/// database. Without a connection string SQLite uses <c>tilianbang.db</c> in <c>App:DataDirectory</c>.
/// </summary>
public sealed class DatabaseOptions
{
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;
    public string? ConnectionString { get; set; }
}
