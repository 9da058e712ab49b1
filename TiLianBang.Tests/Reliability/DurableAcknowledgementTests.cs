using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TiLianBang.Core.Devices.Pipeline;
using TiLianBang.Tests.Infrastructure;
using TiLianBang.Web.Mqtt;

namespace TiLianBang.Tests.Reliability;

/// <summary>
/// QoS 1 acknowledgements (issue 20): a collector's connection reads on while its earlier messages wait for their
/// commit, and the PUBACKs still leave one per message, in the order the messages came, each only once its record
/// is stored; refusals and malformed messages are answered in their place. Raw MQTT over TCP, so that the order of
/// the answers on the wire is what is checked.
/// </summary>
public sealed class DurableAcknowledgementTests(TiLianBangAppFactory app) : IClassFixture<TiLianBangAppFactory>
{
    /// <summary>A guard against a hung test, not a sleep: each wait ends as soon as what it waits for happened.</summary>
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(30);

    private const byte Success = 0x00;
    private const byte NotAuthorized = 0x87;
    private const byte PayloadFormatInvalid = 0x99;

    [Theory]
    [InlineData(5, 21)]
    [InlineData(4, 22)]
    public async Task AnswersLeaveInTheMessagesOrderEachOnlyOnceStoredAndRefusalsInTheirPlace(int version, int elevator)
    {
        var collector = await DemoCollector.OfElevatorAsync(app, elevator);
        var stranger = await DemoCollector.OfElevatorAsync(app, elevator + 10);
        await using var connection = await RawMqttConnection.ConnectAsync(app.MqttPort, collector, version);
        var prefix = $"ack-{version}-";
        var expected = new List<(ushort Id, byte Reason)>();
        var packets = new List<byte>();
        for (ushort id = 1; id <= 12; id++)
        {
            var (topic, payload, reason) = id switch
            {
                4 => (collector.Topic("event"), "not json", PayloadFormatInvalid),
                8 => (stranger.Topic("event"), Event(prefix + id), NotAuthorized),
                // The first event again, as a collector resends one it had no answer for: answered, stored once.
                12 => (collector.Topic("event"), Event(prefix + 1), Success),
                _ => (collector.Topic("event"), Event(prefix + id), Success),
            };
            packets.AddRange(RawMqttConnection.Publish(topic, Encoding.UTF8.GetBytes(payload), qos: 1, packetId: id, version: version));
            expected.Add((id, reason));
        }

        // All twelve in one write: the broker reads them while the first are still waiting for their commit.
        await connection.SendAsync([.. packets]);
        var answers = new List<(ushort Id, byte Reason)>();
        var storedWhenAnswered = new List<int>();
        while (answers.Count < expected.Count)
        {
            var puback = await connection.ReadPacketAsync();
            Assert.NotNull(puback);
            Assert.Equal(0x40, puback![0]);
            var body = puback.AsSpan(1 + RawMqttConnection.LengthBytes(puback));
            var id = (ushort)((body[0] << 8) | body[1]);
            answers.Add((id, body.Length > 2 ? body[2] : Success));
            if (id == 3)
            {
                // "Acknowledged" means stored: once the answer to the third is here, the first three are in the database.
                storedWhenAnswered.Add(await StoredCountAsync(collector, prefix));
            }
        }

        Assert.Equal(version == 5 ? expected : expected.Select(e => (e.Id, Success)).ToList(), answers);
        Assert.InRange(storedWhenAnswered.Single(), 3, 9);
        Assert.Equal(9, await StoredCountAsync(collector, prefix));
        Assert.Equal(1, await app.AsSystemAsync((_, db) => db.ElevatorEvents.CountAsync(e => e.EventId == prefix + 1)));
    }

    [Fact]
    public async Task TheConnectionReadsOnWhileEarlierMessagesWaitForTheirCommit()
    {
        var collector = await DemoCollector.OfElevatorAsync(app, 23);
        await using var connection = await RawMqttConnection.ConnectAsync(app.MqttPort, collector);
        var activity = app.Services.GetRequiredService<DeviceActivityRegistry>().For(collector.DeviceId);
        const int count = 5;
        var taken = 0;
        var allTaken = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var watch = activity.Watch(m =>
        {
            if (m.Topic.EndsWith("/event", StringComparison.Ordinal) && Interlocked.Increment(ref taken) == count)
            {
                allTaken.TrySetResult();
            }
        }, out _);

        // Another writer holds the database: no record of the platform's can commit until it lets go.
        await using (var holder = new SqliteConnection($"Data Source={Path.Combine(app.DataDirectory, "tilianbang.db")};Pooling=False"))
        {
            await holder.OpenAsync();
            await using var hold = holder.BeginTransaction(deferred: false);
            using (var write = holder.CreateCommand())
            {
                write.CommandText = "UPDATE \"NodeLeases\" SET \"Holder\" = \"Holder\"";
                await write.ExecuteNonQueryAsync();
            }
            var packets = Enumerable.Range(1, count)
                .SelectMany(i => RawMqttConnection.Publish(collector.Topic("event"), Encoding.UTF8.GetBytes(Event($"held-{i}")), qos: 1, packetId: (ushort)i))
                .ToArray();
            await connection.SendAsync(packets);

            // Every message is taken off the socket although the first one's record cannot be stored yet...
            await allTaken.Task.WaitAsync(Guard);
            // ...and none is acknowledged while it is not stored.
            Assert.Equal(0, connection.Available);
            await hold.RollbackAsync();
        }

        var ids = new List<int>();
        for (var i = 0; i < count; i++)
        {
            var puback = await connection.ReadPacketAsync();
            Assert.Equal(0x40, puback![0]);
            var body = puback.AsSpan(1 + RawMqttConnection.LengthBytes(puback));
            ids.Add((body[0] << 8) | body[1]);
        }
        Assert.Equal(Enumerable.Range(1, count), ids);
        Assert.Equal(count, await app.AsSystemAsync((_, db) => db.ElevatorEvents.CountAsync(e => e.DeviceId == collector.DeviceId && e.EventId.StartsWith("held-"))));
    }

    [Fact]
    public async Task MessagesAnsweredOutsideMqttNetStillCountAsTheClientsSignOfLife()
    {
        var collector = await DemoCollector.OfElevatorAsync(app, 24);
        await using var connection = await RawMqttConnection.ConnectAsync(app.MqttPort, collector);
        var broker = app.Services.GetRequiredService<DeviceBroker>();
        var before = (await broker.StatusOfAsync(collector.DeviceId, default))!;
        var sentBefore = before.SentApplicationMessagesCount;

        await connection.SendAsync(RawMqttConnection.Publish(collector.Topic("event"), Encoding.UTF8.GetBytes(Event("alive-1")), qos: 1, packetId: 1));
        Assert.NotNull(await connection.ReadPacketAsync());

        // MQTTnet's keep-alive watch reads these (named from the client's side): a collector that only publishes at
        // QoS 1 and so never pings must not look silent.
        var after = (await broker.StatusOfAsync(collector.DeviceId, default))!;
        Assert.Equal(sentBefore + 1, after.SentApplicationMessagesCount);
        Assert.True(after.LastPacketSentTimestamp > before.ConnectedTimestamp);
    }

    private static string Event(string id) => $$"""{"id":"{{id}}","code":40,"state":1}""";

    private Task<int> StoredCountAsync(DemoCollector collector, string prefix) =>
        app.AsSystemAsync((_, db) => db.ElevatorEvents.CountAsync(e => e.DeviceId == collector.DeviceId && e.EventId.StartsWith(prefix)));
}
