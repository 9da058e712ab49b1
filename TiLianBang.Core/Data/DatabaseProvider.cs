namespace TiLianBang.Core.Data;

/// <summary>Configuration key <c>Database:Provider</c>.</summary>
public enum DatabaseProvider
{
    Sqlite,
    SqlServer,
}
