using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;

namespace TiLianBang.Core.Data;

/// <summary>Tells the database's own errors apart where the right reaction differs.</summary>
public static class DatabaseErrors
{
    /// <summary>
    /// A write refused by a unique index or another constraint (SQLite SQLITE_CONSTRAINT; SQL Server 2601, 2627,
    /// 547, 515): the rows are at fault or another writer got there first, so waiting before trying again helps nothing.
    /// </summary>
    public static bool IsConstraintViolation(Exception error)
    {
        for (var e = error; e is not null; e = e.InnerException)
        {
            if (e is SqliteException { SqliteErrorCode: 19 } or SqlException { Number: 2601 or 2627 or 547 or 515 })
            {
                return true;
            }
        }
        return false;
    }
}
