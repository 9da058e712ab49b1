using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query.SqlExpressions;
using Microsoft.EntityFrameworkCore.Storage;

namespace TiLianBang.Core.Data;

/// <summary>
/// Functions queries call that each database computes its own way. EF Core's provider-neutral LINQ cannot subtract
/// two DateTimes; composing minutes from Year, DayOfYear, Hour … costs SQLite a dozen strftime calls per row, seconds
/// over a year of maintenance visits, where one julianday each is cheap.
/// </summary>
public static class DatabaseFunctions
{
    /// <summary>Minutes from <paramref name="from"/> to <paramref name="to"/>; only inside a query.</summary>
    public static double MinutesBetween(DateTime from, DateTime to) =>
        throw new InvalidOperationException("MinutesBetween is computed by the database inside a query.");

    private static readonly RelationalTypeMapping Real = new DoubleTypeMapping("REAL", System.Data.DbType.Double);
    private static readonly RelationalTypeMapping Float = new DoubleTypeMapping("float", System.Data.DbType.Double);
    private static readonly RelationalTypeMapping BigInt = new LongTypeMapping("bigint", System.Data.DbType.Int64);

    /// <summary>SQLite: (julianday(to) − julianday(from)) × 1440.</summary>
    internal static void MapForSqlite(ModelBuilder builder) =>
        builder.HasDbFunction(typeof(DatabaseFunctions).GetMethod(nameof(MinutesBetween))!).HasTranslation(arguments =>
            new SqlBinaryExpression(
                ExpressionType.Multiply,
                new SqlBinaryExpression(ExpressionType.Subtract, JulianDay(arguments[1]), JulianDay(arguments[0]), typeof(double), Real),
                new SqlConstantExpression(1440.0, Real),
                typeof(double),
                Real));

    /// <summary>SQL Server: CAST(DATEDIFF_BIG(second, from, to) AS float) / 60.0 (float wins over the numeric literal).</summary>
    internal static void MapForSqlServer(ModelBuilder builder) =>
        builder.HasDbFunction(typeof(DatabaseFunctions).GetMethod(nameof(MinutesBetween))!).HasTranslation(arguments =>
            new SqlBinaryExpression(
                ExpressionType.Divide,
                new SqlUnaryExpression(
                    ExpressionType.Convert,
                    new SqlFunctionExpression("DATEDIFF_BIG", [new SqlFragmentExpression("second"), arguments[0], arguments[1]],
                        nullable: true, argumentsPropagateNullability: [false, true, true], typeof(long), BigInt),
                    typeof(double),
                    Float),
                new SqlConstantExpression(60.0, Float),
                typeof(double),
                Float));

    private static SqlFunctionExpression JulianDay(SqlExpression argument) =>
        new("julianday", [argument], nullable: true, argumentsPropagateNullability: [true], typeof(double), Real);
}
