using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MQTTnet;
using TiLianBang.Core.Health;
using TiLianBang.Tests.Infrastructure;

namespace TiLianBang.Tests.Health;

/// <summary>
/// Issue 21.3 (困人研判) over the real broker with the clock under the test's control: a car outside the door zone,
/// door closed, passenger inside, for 30 s raises one 疑似困人; 29 s does not; an open door, the door zone, an empty
/// car, inspection or the device's own 困人 raise nothing.
/// </summary>
public sealed class SuspectedEntrapmentTests(TiLianBangAppFactory app) : IClassFixture<TiLianBangAppFactory>
{
    private const string Stuck = """{"mode":1,"run":0,"dir":0,"floor":6,"door":2,"zone":0,"people":1,"load":30}""";

    [Fact]
    public async Task AStuckCarWithAPassengerRaisesOneSuspicionAfterThirtySecondsNotAtTwentyNine()
    {
        var collector = await DemoCollector.OfElevatorAsync(app, 3);
        using var client = await MqttTestClient.ConnectAsync(app.MqttPort, collector);
        var since = app.Clock.GetUtcNow();
        await SendAsync(client, collector, Stuck, seq: 1);

        await TickAfterAsync(TimeSpan.FromSeconds(29));
        Assert.Empty(await SuspicionsAsync(collector.ElevatorId));

        // A state repeating the same picture (a heartbeat) does not start the count again.
        await SendAsync(client, collector, Stuck, seq: 2);
        await TickAfterAsync(TimeSpan.FromSeconds(1));
        var suspicion = Assert.Single(await SuspicionsAsync(collector.ElevatorId));
        Assert.Equal(SuspectedEntrapmentStatus.Open, suspicion.Status);
        Assert.Equal((6, collector.DeviceId, 30.0), (suspicion.Floor, suspicion.DeviceId, suspicion.LoadPercent));
        Assert.Equal(since.UtcDateTime, suspicion.StuckSinceUtc, TimeSpan.FromMilliseconds(1));
        // Written to the operation log like every alarm.
        Assert.True(await app.AsSystemAsync((_, db) => db.OperationLogs.AnyAsync(l => l.Target == $"SuspectedEntrapment#{suspicion.Id}")));

        await TickAfterAsync(TimeSpan.FromMinutes(5));
        Assert.Single(await SuspicionsAsync(collector.ElevatorId));
        await client.DisconnectAsync();
    }

    public static readonly TheoryData<string, string> NotTrapped = new()
    {
        { "in the door zone", """{"mode":1,"run":0,"dir":0,"floor":6,"door":2,"zone":1,"people":1}""" },
        { "door open", """{"mode":1,"run":0,"dir":0,"floor":6,"door":4,"zone":0,"people":1}""" },
        { "empty car", """{"mode":1,"run":0,"dir":0,"floor":6,"door":2,"zone":0,"people":0}""" },
        { "running", """{"mode":1,"run":1,"dir":1,"floor":6,"door":2,"zone":0,"people":1}""" },
        { "inspection", """{"mode":2,"run":0,"dir":0,"floor":6,"door":2,"zone":0,"people":1}""" },
        { "zone not reported", """{"mode":1,"run":0,"dir":0,"floor":6,"door":2,"people":1}""" },
    };

    [Theory]
    [MemberData(nameof(NotTrapped))]
    public async Task NoSuspicionWhileTheCarIsNotStuckWithAPassenger(string what, string state)
    {
        var collector = await DemoCollector.OfElevatorAsync(app, 4 + NotTrapped.Select(r => (string)r[0]).ToList().IndexOf(what));
        using var client = await MqttTestClient.ConnectAsync(app.MqttPort, collector);
        await SendAsync(client, collector, state, seq: 1);

        await TickAfterAsync(TimeSpan.FromMinutes(2));

        Assert.Empty(await SuspicionsAsync(collector.ElevatorId));
        await client.DisconnectAsync();
    }

    [Fact]
    public async Task TheDevicesOwnTrappedEventMeansNoSuspicion()
    {
        var collector = await DemoCollector.OfElevatorAsync(app, 12);
        using var client = await MqttTestClient.ConnectAsync(app.MqttPort, collector);
        await client.PublishAsync(collector.Topic("event"), """{"id":"trap-before","code":11,"state":1,"floor":6}""");
        await app.WaitForAsync(collector.ElevatorId, s => s.PassengersTrapped);
        await SendAsync(client, collector, Stuck, seq: 1);

        await TickAfterAsync(TimeSpan.FromMinutes(1));

        Assert.Empty(await SuspicionsAsync(collector.ElevatorId));
        await client.DisconnectAsync();
    }

    [Fact]
    public async Task ACarThatMovesOnEndsTheEpisodeAndTheNextStuckEpisodeIsRaisedOnceTheFirstIsDecided()
    {
        var collector = await DemoCollector.OfElevatorAsync(app, 13);
        using var client = await MqttTestClient.ConnectAsync(app.MqttPort, collector);
        await SendAsync(client, collector, Stuck, seq: 1);
        await TickAfterAsync(TimeSpan.FromSeconds(20));
        await SendAsync(client, collector, """{"mode":1,"run":1,"dir":1,"floor":6,"door":2,"zone":0,"people":1}""", seq: 2);
        await SendAsync(client, collector, Stuck, seq: 3);
        // 20 s before the move and 20 s after: neither episode reached 30 s.
        await TickAfterAsync(TimeSpan.FromSeconds(20));
        Assert.Empty(await SuspicionsAsync(collector.ElevatorId));

        await TickAfterAsync(TimeSpan.FromSeconds(10));
        var first = Assert.Single(await SuspicionsAsync(collector.ElevatorId));
        await using (var scope = await app.ScopeAsAsync(Core.Demo.DemoAccounts.MaintenanceManager))
        {
            await scope.ServiceProvider.GetRequiredService<EntrapmentDesk>().DismissAsync(first.Id, "维保人员在轿厢内", CancellationToken.None);
        }

        await SendAsync(client, collector, """{"mode":1,"run":0,"dir":0,"floor":6,"door":4,"zone":0,"people":1}""", seq: 4);
        await SendAsync(client, collector, Stuck, seq: 5);
        await TickAfterAsync(TimeSpan.FromSeconds(30));
        var both = await SuspicionsAsync(collector.ElevatorId);
        Assert.Equal([SuspectedEntrapmentStatus.Dismissed, SuspectedEntrapmentStatus.Open], both.Select(s => s.Status));
        Assert.Equal("维保人员在轿厢内", both[0].Note);
        await client.DisconnectAsync();
    }

    private async Task SendAsync(IMqttClient client, DemoCollector collector, string state, long seq)
    {
        var payload = state.Insert(1, $"\"seq\":{seq},");
        await client.PublishAsync(collector.Topic("state"), payload);
        await app.WaitForAsync(collector.ElevatorId, s => s.Sequence == seq);
    }

    /// <summary>Moves the clock on and runs the recorder's pass (its own loop may have run it too; either way once).</summary>
    private async Task TickAfterAsync(TimeSpan wait)
    {
        app.Clock.Advance(wait);
        await app.Services.GetRequiredService<HealthRecorder>().RunOnceAsync(CancellationToken.None);
    }

    private Task<List<SuspectedEntrapment>> SuspicionsAsync(int elevatorId) =>
        app.AsSystemAsync((_, db) => db.SuspectedEntrapments.AsNoTracking().Where(s => s.ElevatorId == elevatorId).OrderBy(s => s.Id).ToListAsync());
}
