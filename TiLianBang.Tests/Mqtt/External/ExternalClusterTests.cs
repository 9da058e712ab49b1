using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MQTTnet;
using MQTTnet.Protocol;
using TiLianBang.Core.Accounts;
using TiLianBang.Core.Devices.Commands;
using TiLianBang.Core.Devices.Pipeline;
using TiLianBang.Core.Devices.Recording;
using TiLianBang.Tests.Infrastructure;
using TiLianBang.Web.Simulation;

namespace TiLianBang.Tests.Mqtt.External;

/// <summary>
/// Issue 19: two platform nodes behind Debian's mosquitto share the device traffic (shared subscription), store
/// every message once, keep each other's live state, answer each other's commands and record each offline once.
/// </summary>
public sealed class ExternalClusterTests(TwoNodeCluster cluster) : IClassFixture<TwoNodeCluster>
{
    private TiLianBangAppFactory A => cluster.A;
    private TiLianBangAppFactory B => cluster.B;
    private int Port => cluster.Broker.Port;

    [Fact]
    public async Task EveryEventIsStoredExactlyOnceAcrossTheTwoNodesAndBothTakeSome()
    {
        var collectors = cluster.Collectors.Take(4).ToList();
        var devices = collectors.Select(c => c.DeviceId).ToList();
        var (receivedByA, receivedByB) = (TwoNodeCluster.ClientOf(A).Received, TwoNodeCluster.ClientOf(B).Received);
        var clients = await Task.WhenAll(collectors.Select(c => MqttTestClient.ConnectAsync(Port, c)));
        try
        {
            // 4 collectors × (10 events + a repeat of the first) = 44 publishes, 40 distinct events.
            await Task.WhenAll(clients.Select(async client =>
            {
                for (var i = 0; i < 10; i++)
                {
                    var ack = await client.PublishAsync($"tlb/{client.Options.ClientId}/event", $$"""{"id":"ext-{{i}}","code":40,"state":1,"floor":{{i + 1}}}""");
                    Assert.Equal(MqttClientPublishReasonCode.Success, ack.ReasonCode);
                }
                var repeat = await client.PublishAsync($"tlb/{client.Options.ClientId}/event", """{"id":"ext-0","code":40,"state":1,"floor":1}""");
                Assert.Equal(MqttClientPublishReasonCode.Success, repeat.ReasonCode);
            }));

            await TwoNodeCluster.Until(() =>
                TwoNodeCluster.ClientOf(A).Received - receivedByA + TwoNodeCluster.ClientOf(B).Received - receivedByB >= 44);
            await A.FlushDeviceRecordsAsync();
            await B.FlushDeviceRecordsAsync();

            var stored = await A.AsSystemAsync((_, db) => db.ElevatorEvents
                .Where(e => devices.Contains(e.DeviceId) && e.EventId.StartsWith("ext-"))
                .Select(e => new { e.DeviceId, e.EventId })
                .ToListAsync());
            Assert.Equal(40, stored.Count);
            Assert.Equal(40, stored.Distinct().Count());
            Assert.All(devices, d => Assert.Equal(10, stored.Count(e => e.DeviceId == d)));
            Assert.True(TwoNodeCluster.ClientOf(A).Received > receivedByA, "node A processed none");
            Assert.True(TwoNodeCluster.ClientOf(B).Received > receivedByB, "node B processed none");
        }
        finally
        {
            foreach (var client in clients)
            {
                await client.DisconnectAsync();
                client.Dispose();
            }
        }
    }

    [Fact]
    public async Task NodeAFollowsADeviceWhoseMessagesNodeBReceived()
    {
        var collector = cluster.Collectors[4];
        using var client = await MqttTestClient.ConnectAsync(Port, collector);
        // States are QoS 0, as collectors send them; each waits until node A shows the one before.
        for (var floor = 2; floor <= 9; floor++)
        {
            var shown = A.WaitForAsync(collector.ElevatorId, s => s.Floor == floor);
            await client.PublishAsync(new MqttApplicationMessageBuilder()
                .WithTopic(collector.Topic("state"))
                .WithPayload($$"""{"seq":{{floor}},"mode":1,"run":1,"dir":1,"floor":{{floor}},"door":2}""")
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtMostOnce)
                .Build());
            await shown;
        }

        // Node B received some of them (mosquitto takes turns), and both nodes end on the same snapshot.
        Assert.Contains(TwoNodeCluster.ActivityOf(B, collector).LatestMessages, m => m.Topic == collector.Topic("state"));
        Assert.Contains(TwoNodeCluster.ActivityOf(A, collector).LatestMessages, m => m.Topic == collector.Topic("state"));
        var onB = await B.WaitForAsync(collector.ElevatorId, s => s.Floor == 9);
        Assert.Equal(9L, onB.Sequence);
        Assert.True(A.Services.GetRequiredService<Core.Devices.LiveState.IElevatorStateHub>().Find(collector.ElevatorId)!.Online);
        await client.DisconnectAsync();
    }

    [Fact]
    public async Task ACommandFromNodeAIsAnsweredThroughNodeB()
    {
        var collector = cluster.Collectors[5];
        await using var simulated = new SimulatedCollector(collector.DeviceId, collector.Secret,
            new SimulatedElevator(18, 1.75, seed: 7, faultsPerHour: 0, A.Clock.GetUtcNow()), TimeProvider.System);
        await simulated.ConnectAsync("127.0.0.1", Port, CancellationToken.None);
        await TwoNodeCluster.Until(() => TwoNodeCluster.ActivityOf(A, collector).Online);

        // The reply goes to whichever node the broker picks; send until node B has carried one (mosquitto takes
        // turns, so it is the first or second), and every command must be answered on node A.
        var repliesOnB = RepliesSeen(B, collector);
        var sent = 0;
        while (RepliesSeen(B, collector) == repliesOnB && sent < 10)
        {
            await using var scope = A.Services.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<CurrentActor>().SetSystem("test");
            var result = await scope.ServiceProvider.GetRequiredService<DeviceCommandService>()
                .SendToElevatorAsync(collector.ElevatorId, DeviceOperation.SetHeartbeat, new { seconds = 30 }, CancellationToken.None);
            Assert.Equal(CommandStatus.Succeeded, result.Status);
            sent++;
        }
        Assert.True(RepliesSeen(B, collector) > repliesOnB, $"none of {sent} replies went through node B");
    }

    private static int RepliesSeen(TiLianBangAppFactory node, DemoCollector collector) =>
        TwoNodeCluster.ActivityOf(node, collector).LatestMessages.Count(m => m.Topic == collector.Topic("reply"));

    [Fact]
    public async Task ACollectorWithAWrongSecretIsRefusedAndKeptInItsOwnTopics()
    {
        var collector = cluster.Collectors[6];
        var (wrong, result) = await MqttTestClient.ConnectAsync(Port, collector.DeviceId, collector.DeviceId, "wrong-secret");
        wrong.Dispose();
        Assert.Contains(result.ResultCode, new[] { MqttClientConnectResultCode.BadUserNameOrPassword, MqttClientConnectResultCode.NotAuthorized });

        using var client = await MqttTestClient.ConnectAsync(Port, collector);
        var other = cluster.Collectors[7];
        var ack = await client.PublishAsync(other.Topic("event"), """{"id":"forged-1","code":11,"state":1}""");
        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, ack.ReasonCode);
        await client.DisconnectAsync();
    }

    [Fact]
    public async Task AnOfflineIsRecordedOnceWhicheverNodeHearsItOrDecides()
    {
        var willing = cluster.Collectors[6];
        var silent = cluster.Collectors[7];
        var willClient = await MqttTestClient.ConnectAsync(Port, willing);
        using var silentClient = await MqttTestClient.ConnectAsync(Port, silent);
        foreach (var (client, collector) in new[] { (willClient, willing), (silentClient, silent) })
        {
            await client.PublishAsync(collector.Topic("state"), """{"mode":1,"run":0,"dir":0,"floor":1,"door":2}""");
        }
        await TwoNodeCluster.Until(() => new[] { A, B }.All(n => TwoNodeCluster.ActivityOf(n, willing).Online && TwoNodeCluster.ActivityOf(n, silent).Online));

        // The will: mosquitto publishes tlb/{id}/online 0 to one of the nodes.
        await willClient.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().WithReason(MqttClientDisconnectOptionsReason.DisconnectWithWillMessage).Build());
        willClient.Dispose();
        await TwoNodeCluster.Until(() => new[] { A, B }.All(n => !TwoNodeCluster.ActivityOf(n, willing).Online));

        // The heartbeat rule: three heartbeats (30 s) of silence pass on both nodes, and both run it.
        foreach (var node in new[] { A, B })
        {
            node.Clock.Advance(TimeSpan.FromSeconds(100));
        }
        foreach (var node in new[] { A, B })
        {
            await node.Services.GetRequiredService<DeviceMessageProcessor>().MarkSilentDevicesOfflineAsync(CancellationToken.None);
        }
        await TwoNodeCluster.Until(() => new[] { A, B }.All(n => !TwoNodeCluster.ActivityOf(n, silent).Online));
        await A.FlushDeviceRecordsAsync();
        await B.FlushDeviceRecordsAsync();

        var changes = await A.AsSystemAsync((_, db) => db.ConnectionChanges
            .Where(c => c.DeviceId == willing.DeviceId || c.DeviceId == silent.DeviceId)
            .Select(c => new { c.DeviceId, c.Online, c.Reason })
            .ToListAsync());
        Assert.Single(changes, c => c.DeviceId == willing.DeviceId && !c.Online && c.Reason == ConnectionReason.LastWill);
        Assert.Single(changes, c => c.DeviceId == silent.DeviceId && !c.Online && c.Reason == ConnectionReason.HeartbeatTimeout);
        Assert.Single(changes, c => c.DeviceId == willing.DeviceId && c.Online);
        Assert.Single(changes, c => c.DeviceId == silent.DeviceId && c.Online);
    }
}
