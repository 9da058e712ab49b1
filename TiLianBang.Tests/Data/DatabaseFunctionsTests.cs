using Microsoft.EntityFrameworkCore;
using TiLianBang.Core.Data;
using TiLianBang.Tests.Infrastructure;

namespace TiLianBang.Tests.Data;

/// <summary>Minutes between two instants as each database computes them (SQL Server only as the SQL it would run).</summary>
public sealed class DatabaseFunctionsTests(TiLianBangAppFactory app) : IClassFixture<TiLianBangAppFactory>
{
    [Fact]
    public async Task SqliteCountsMinutesAcrossMidnightAndYearEnd()
    {
        var minutes = await app.AsSystemAsync(async (_, db) =>
        {
            var elevator = await db.Elevators.OrderBy(e => e.Id).Select(e => e.Id).FirstAsync();
            // Fixed instants instead of stored ones: 23:50 on 31 Dec to 00:20:30 on 1 Jan, and a whole leap day.
            return await db.Elevators.Where(e => e.Id == elevator).Select(e => new
            {
                YearEnd = DatabaseFunctions.MinutesBetween(new DateTime(2027, 12, 31, 23, 50, 0, DateTimeKind.Utc), new DateTime(2028, 1, 1, 0, 20, 30, DateTimeKind.Utc)),
                LeapDay = DatabaseFunctions.MinutesBetween(new DateTime(2028, 2, 28, 12, 0, 0, DateTimeKind.Utc), new DateTime(2028, 3, 1, 12, 0, 0, DateTimeKind.Utc)),
                Backwards = DatabaseFunctions.MinutesBetween(new DateTime(2028, 1, 1, 1, 0, 0, DateTimeKind.Utc), new DateTime(2028, 1, 1, 0, 0, 0, DateTimeKind.Utc)),
            }).SingleAsync();
        });

        Assert.Equal(30.5, minutes.YearEnd, 3);
        Assert.Equal(2 * 24 * 60, minutes.LeapDay, 3);
        Assert.Equal(-60, minutes.Backwards, 3);
    }

    [Fact]
    public void SqlServerTranslatesToSecondsDividedBySixty()
    {
        using var db = new SqlServerDesignTimeFactory().CreateDbContext([]);

        var sql = db.RepairOrders.Select(o => DatabaseFunctions.MinutesBetween(o.CreatedAtUtc, o.ClosedAtUtc!.Value)).ToQueryString();

        Assert.True(sql.Contains("CAST(DATEDIFF_BIG(second, [r].[CreatedAtUtc], [r].[ClosedAtUtc]) AS float) / 60.0", StringComparison.Ordinal), sql);
    }
}
