using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MQTTnet;
using TiLianBang.Tests.Infrastructure;

namespace TiLianBang.Tests.Health;

/// <summary>
/// Issue 21: the metrics of states sent over the real broker are exact in the database, and an hour's aggregates
/// survive a restart within that hour — the part before and the part after add up, in the hour and in its landings' day.
/// </summary>
public sealed class HealthAcrossRestartTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("tlb-health-restart-").FullName;

    [Fact]
    public async Task AnHoursAggregatesAreStoredOnShutdownAndTheHourGoesOnAfterTheRestart()
    {
        var now = DateTimeOffset.UtcNow;
        // Ten minutes into an hour, so that both runs fall in it.
        var start = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, 10, 0, TimeSpan.Zero);
        DemoDatabaseTemplate.CopyTo(_data, start);
        var hour = start.UtcDateTime.AddMinutes(-10);

        var first = new TiLianBangAppFactory(_data) { Clock = new FakeTimeProvider(start) };
        var collector = await DemoCollector.OfElevatorAsync(first, 2);
        await SendDoorsAndTripsAsync(first, collector, firstSequence: 1);
        await first.DisposeAsync();

        var second = new TiLianBangAppFactory(_data) { Clock = new FakeTimeProvider(start.AddMinutes(5)) };
        try
        {
            var stored = await second.AsSystemAsync((_, db) => db.ElevatorHealthHours.AsNoTracking().SingleAsync(h => h.ElevatorId == collector.ElevatorId));
            Assert.Equal(hour, stored.HourUtc);
            RecordedStates.AssertDoorsAndTrips(stored);
            RecordedStates.AssertLandings(await LandingsAsync(second, collector.ElevatorId));

            // The same again after the restart, in the same hour: stored on shutdown, merged with the first part.
            await SendDoorsAndTripsAsync(second, collector, firstSequence: 1);
            await second.Services.GetRequiredService<Core.Health.HealthRecorder>().SaveAllAsync(CancellationToken.None);
            var merged = await second.AsSystemAsync((_, db) => db.ElevatorHealthHours.AsNoTracking().SingleAsync(h => h.ElevatorId == collector.ElevatorId));
            RecordedStates.AssertDoorsAndTrips(merged, times: 2);
            RecordedStates.AssertLandings(await LandingsAsync(second, collector.ElevatorId), times: 2);
        }
        finally
        {
            await second.DisposeAsync();
        }
    }

    private static Task<List<Core.Health.ElevatorLandingDay>> LandingsAsync(TiLianBangAppFactory app, int elevatorId) =>
        app.AsSystemAsync((_, db) => db.ElevatorLandingDays.AsNoTracking().Where(l => l.ElevatorId == elevatorId).ToListAsync());

    private static async Task SendDoorsAndTripsAsync(TiLianBangAppFactory app, DemoCollector collector, long firstSequence)
    {
        using var client = await MqttTestClient.ConnectAsync(app.MqttPort, collector);
        var deviceStart = app.Clock.GetUtcNow().ToUnixTimeMilliseconds();
        var sequence = firstSequence;
        foreach (var step in RecordedStates.DoorsAndTrips)
        {
            await client.PublishAsync(collector.Topic("state"), RecordedStates.Json(step, deviceStart, sequence++));
        }
        var last = sequence - 1;
        await app.WaitForAsync(collector.ElevatorId, s => s.Sequence == last);
        await client.DisconnectAsync();
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
            // A log file may still be held open for a moment; the OS cleans temp folders.
        }
    }
}
