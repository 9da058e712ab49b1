using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MQTTnet.AspNetCore;
using TiLianBang.Core.Accounts;
using TiLianBang.Core.Data;
using TiLianBang.Core.Devices;
using TiLianBang.Core.Devices.Pipeline;
using TiLianBang.Tests.Infrastructure;
using TiLianBang.Web.Mqtt;

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

    /// <summary>
    /// A test host (WebApplicationFactory around Program's RunAsync) is stopped by two callers at once, and Program
    /// disposes the services while the factory's stop is still running: the broker must come through that cleanly,
    /// with a collector connected, every time.
    /// </summary>
    [Fact]
    public async Task ABrokerStoppedTwiceAtOnceAndDisposedMeanwhileStopsCleanly()
    {
        await using var app = new TiLianBangAppFactory();
        var collector = await DemoCollector.OfElevatorAsync(app, 36);
        var services = app.Services;
        for (var round = 0; round < 60; round++)
        {
            var broker = new DeviceBroker(Options.Create(new MqttOptions { Port = 0 }), services.GetRequiredService<DeviceDirectory>(),
                services.GetRequiredService<DeviceMessageProcessor>(), new MqttConnectionHandler(), services.GetRequiredService<ILoggerFactory>(),
                NullLogger<DeviceBroker>.Instance);
            await broker.StartAsync(CancellationToken.None);
            using var device = await MqttTestClient.ConnectAsync(broker.Port, collector);

            // As the host does: the factory's stop and Program's at once, Program's disposal while they run.
            await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => broker.StopAsync(CancellationToken.None)))
                .Append(Task.Run(async () => await broker.DisposeAsync())));

            // A command sent during shutdown finds no broker running, rather than a disposed one.
            await Assert.ThrowsAsync<InvalidOperationException>(() => broker.PublishAsync("x", [], CancellationToken.None));
        }
    }
}
