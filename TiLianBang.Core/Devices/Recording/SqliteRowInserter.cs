using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace TiLianBang.Core.Devices.Recording;

/// <summary>
/// Inserts new device records on SQLite through one prepared INSERT per table, bound again for each row. EF Core
/// sends a batch as one command of a thousand INSERT statements, which Microsoft.Data.Sqlite parses and prepares one
/// by one, every batch: that was most of the record writer's time at saturation (issue 20, QoS 1). Columns, names and
/// value conversions come from the EF model, so a mapping change reaches this path too. SQL Server keeps EF's
/// batching (its statements are prepared server-side).
/// Runs inside the caller's transaction on the context's connection; sets each row's generated key. A row that
/// repeats a unique key (an event id the collector sent before) is not inserted and is returned instead.
/// </summary>
internal static class SqliteRowInserter
{
    private static readonly ConcurrentDictionary<(IModel, Type), Table> Tables = new();

    public static IReadOnlySet<object> Insert(DbContext db, IReadOnlyList<object> rows)
    {
        var repeats = new HashSet<object>(ReferenceEqualityComparer.Instance);
        if (rows.Count == 0)
        {
            return repeats;
        }
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        var transaction = (SqliteTransaction)(db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("Device records are inserted inside a transaction."));
        var commands = new Dictionary<Type, (Table Table, SqliteCommand Command)>();
        try
        {
            foreach (var row in rows)
            {
                var type = row.GetType();
                if (!commands.TryGetValue(type, out var prepared))
                {
                    var table = Tables.GetOrAdd((db.Model, type), static key => Table.Of(key.Item1, key.Item2));
                    prepared = (table, table.Prepare(connection, transaction));
                    commands.Add(type, prepared);
                }
                if (!prepared.Table.Insert(prepared.Command, row))
                {
                    repeats.Add(row);
                }
            }
        }
        finally
        {
            foreach (var (_, command) in commands.Values)
            {
                command.Dispose();
            }
        }
        return repeats;
    }

    private sealed class Table(string sql, IProperty key, IReadOnlyList<Column> columns)
    {
        public static Table Of(IModel model, Type type)
        {
            var entity = model.FindEntityType(type) ?? throw new InvalidOperationException($"{type.Name} is not in the model.");
            var store = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
            var key = entity.FindPrimaryKey()!.Properties.Single();
            var columns = new List<Column>();
            foreach (var property in entity.GetProperties())
            {
                if (property == key)
                {
                    continue;
                }
                if (property.IsShadowProperty() || property.ValueGenerated != ValueGenerated.Never)
                {
                    // Would need EF's own handling; fail loudly on first use rather than store a row without it.
                    throw new NotSupportedException($"{type.Name}.{property.Name} is not a plain column; insert it through EF.");
                }
                columns.Add(new Column(property, property.GetColumnName(store)!, property.GetRelationalTypeMapping()));
            }
            var names = string.Join(", ", columns.Select(c => Quote(c.Name)));
            var values = string.Join(", ", columns.Select((_, i) => $"@p{i}"));
            var sql = $"INSERT INTO {Quote(store.Name)} ({names}) VALUES ({values}) ON CONFLICT DO NOTHING RETURNING {Quote(key.GetColumnName(store)!)}";
            return new Table(sql, key, columns);
        }

        public SqliteCommand Prepare(SqliteConnection connection, SqliteTransaction transaction)
        {
            var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = sql;
            for (var i = 0; i < columns.Count; i++)
            {
                command.Parameters.Add(columns[i].Mapping.CreateParameter(command, $"@p{i}", null, columns[i].Property.IsNullable));
            }
            command.Prepare();
            return command;
        }

        /// <summary>False when the row repeats a unique key and was not inserted.</summary>
        public bool Insert(SqliteCommand command, object row)
        {
            for (var i = 0; i < columns.Count; i++)
            {
                command.Parameters[i].Value = columns[i].Read(row);
            }
            if (command.ExecuteScalar() is not { } id)
            {
                return false;
            }
            key.PropertyInfo!.SetValue(row, Convert.ChangeType(id, key.ClrType, System.Globalization.CultureInfo.InvariantCulture));
            return true;
        }

        private static string Quote(string name) => $"\"{name.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
    }

    private sealed class Column(IProperty property, string name, RelationalTypeMapping mapping)
    {
        private readonly IClrPropertyGetter _getter = property.GetGetter();

        public IProperty Property { get; } = property;
        public string Name { get; } = name;
        public RelationalTypeMapping Mapping { get; } = mapping;

        public object Read(object row)
        {
            var value = _getter.GetClrValueUsingContainingEntity(row);
            if (value is not null && Mapping.Converter is { } converter)
            {
                value = converter.ConvertToProvider(value);
            }
            return value ?? DBNull.Value;
        }
    }
}
