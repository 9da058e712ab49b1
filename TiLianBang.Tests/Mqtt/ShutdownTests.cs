using Microsoft.EntityFrameworkCore;
using TiLianBang.Core.Accounts;
using TiLianBang.Core.Data;
using TiLianBang.Tests.Infrastructure;

namespace TiLianBang.Tests.Mqtt;

public sealed class ShutdownTests
{
    [Fact]
    public async Task EverythingAcceptedIsInTheDatabaseAfterACleanShutdown()
    {
        const int Events = 300;
        var folder = Directory.CreateTempSubdirectory("tlb-shutdown-").FullName;
        var database = Path.Combine(folder, "tilianbang.db");
        string deviceId;
        await using (var app = new TiLianBangAppFactory(folder))
        {
            var collector = await DemoCollector.OfElevatorAsync(app, 35);
            deviceId = collector.DeviceId;
            using var device = await MqttTestClient.ConnectAsync(app.MqttPort, collector);
            for (var i = 0; i < Events; i++)
            {
                var ack = await device.PublishAsync(collector.Topic("event"), $$"""{"id":"e-shutdown-{{i}}","code":2,"state":{{i % 2}}}""");
                Assert.True(ack.IsSuccess);
            }
            // Every event has been acknowledged and none flushed on purpose: stopping the host must write them.
        }
        try
        {
            var options = new DbContextOptionsBuilder<SqliteTiLianBangDbContext>().UseSqlite($"Data Source={database}").Options;
            await using var db = new SqliteTiLianBangDbContext(options, new CurrentActor(), TimeProvider.System);

            var stored = await db.ElevatorEvents.IgnoreQueryFilters().CountAsync(e => e.DeviceId == deviceId);

            Assert.Equal(Events, stored);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }
}
