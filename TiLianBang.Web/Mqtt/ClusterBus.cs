using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using MQTTnet;
using MQTTnet.Protocol;
using TiLianBang.Core.Devices.Cluster;
using TiLianBang.Core.Devices.LiveState;
using TiLianBang.Core.Devices.Pipeline;
using TiLianBang.Core.Devices.Protocol;
using TiLianBang.Core.Repairs;

namespace TiLianBang.Web.Mqtt;

/// <summary>
/// What the platform nodes behind one external broker tell each other, over that broker on a topic devices can never
/// publish to (<c>tilianbang/cluster/{node}/…</c>, not shared: every node hears every other):
/// <list type="bullet">
/// <item><c>nodes/{node}</c>: retained "1" while the node is connected, cleared by its will, so every node knows the
/// live ones (the deciding node of each device, <see cref="DeviceCluster"/>).</item>
/// <item><c>{node}/live</c>: each new live snapshot this node made, applied by the others unless theirs is newer, so
/// pages and /api/v1/live on every node follow a device whichever node receives its messages.</item>
/// <item><c>{node}/seen</c>: the device is heard (online flag, heartbeat), <c>{node}/reply</c>: a command reply no
/// command of this node waits for, <c>{node}/repair</c>: a repair-order change (故障接警 on every node).</item>
/// </list>
/// Sending never blocks the pipeline: messages go through a queue, and are dropped while the broker is away.
/// </summary>
public sealed partial class ClusterBus(
    IOptions<MqttOptions> options,
    DeviceCluster cluster,
    ElevatorStateHub hub,
    RepairOrderFeed feed,
    IServiceProvider services,
    ILogger<ClusterBus> logger) : IDevicePeers, IDisposable
{
    private const int QueueCapacity = 10_000;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly Channel<MqttApplicationMessage> _outbox =
        Channel.CreateBounded<MqttApplicationMessage>(new BoundedChannelOptions(QueueCapacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
    private readonly List<IDisposable> _subscriptions = [];
    private readonly CancellationTokenSource _stop = new();
    private Task? _pump;
    private string _prefix = "";

    /// <summary>Messages not sent because the broker was away or the queue was full.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);
    private long _dropped;

    /// <summary>Raised when a node joins or leaves (tests wait for both nodes to know each other).</summary>
    public event Action? NodesChanged;

    public string SubscriptionFilter => _prefix + "#";

    public bool Owns(string topic) => topic.StartsWith(_prefix, StringComparison.Ordinal);

    /// <summary>Starts the bus for this node (Mqtt:Mode = External only): from now on the pipeline tells the other nodes.</summary>
    public void Start(string nodeId)
    {
        _prefix = options.Value.External.ClusterTopic.TrimEnd('/') + "/";
        cluster.Attach(nodeId, this);
        hub.NodeId = nodeId;
        _subscriptions.Add(hub.SubscribeAll(change =>
        {
            if (!change.FromPeer)
            {
                Enqueue("live", new LiveNotice(change.Version, change.State), MqttQualityOfServiceLevel.AtMostOnce);
            }
        }));
        _subscriptions.Add(feed.Subscribe(change =>
        {
            if (!change.FromPeer)
            {
                Enqueue("repair", change, MqttQualityOfServiceLevel.AtLeastOnce);
            }
        }));
        _pump = PumpAsync();
    }

    private string NodeTopic => $"{_prefix}nodes/{cluster.NodeId}";

    /// <summary>The node's will clears its retained presence, so the others learn it is gone even when it crashed.</summary>
    public void PrepareWill(MqttClientOptionsBuilder builder) => builder
        .WithWillTopic(NodeTopic)
        .WithWillPayload([])
        .WithWillRetain()
        .WithWillQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce);

    public async Task ConnectedAsync(CancellationToken cancellationToken)
    {
        await Client.TryPublishAsync(new MqttApplicationMessageBuilder()
            .WithTopic(NodeTopic)
            .WithPayload("1"u8.ToArray())
            .WithRetainFlag()
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build(), cancellationToken);
    }

    /// <summary>A clean stop clears the presence at once instead of leaving it to the will.</summary>
    public async Task LeavingAsync(CancellationToken cancellationToken)
    {
        await Client.TryPublishAsync(new MqttApplicationMessageBuilder()
            .WithTopic(NodeTopic)
            .WithPayload([])
            .WithRetainFlag()
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build(), cancellationToken);
    }

    // Resolved late: the client needs the bus to connect, the bus needs the client to send.
    private ExternalBrokerClient Client => services.GetRequiredService<ExternalBrokerClient>();

    public void Seen(DeviceSeen seen) => Enqueue("seen", seen, MqttQualityOfServiceLevel.AtLeastOnce);

    public void Reply(string deviceId, CommandReply reply) =>
        Enqueue("reply", new ReplyNotice(deviceId, reply), MqttQualityOfServiceLevel.AtLeastOnce);

    /// <summary>A message on the cluster topic; this node's own are ignored.</summary>
    public async Task ReceiveAsync(string topic, byte[] payload, CancellationToken cancellationToken)
    {
        var rest = topic.AsSpan(_prefix.Length);
        var slash = rest.IndexOf('/');
        if (slash <= 0)
        {
            return;
        }
        var first = rest[..slash].ToString();
        var second = rest[(slash + 1)..].ToString();
        try
        {
            if (first == "nodes")
            {
                if (second == cluster.NodeId)
                {
                    return;
                }
                if (payload.Length == 0)
                {
                    cluster.NodeLeft(second);
                    LogNodeLeft(logger, second);
                }
                else
                {
                    cluster.NodeJoined(second);
                    LogNodeJoined(logger, second);
                }
                NodesChanged?.Invoke();
                return;
            }
            if (first == cluster.NodeId)
            {
                return;
            }
            switch (second)
            {
                case "live":
                    if (Read<LiveNotice>(payload) is { State: { } state } live)
                    {
                        hub.ApplyFromPeer(state, live.Version, first);
                    }
                    break;
                case "seen":
                    if (Read<DeviceSeen>(payload) is { } seen)
                    {
                        await services.GetRequiredService<DeviceMessageProcessor>().PeerSeenAsync(seen, cancellationToken);
                    }
                    break;
                case "reply":
                    if (Read<ReplyNotice>(payload) is { Reply: { } reply } notice)
                    {
                        services.GetRequiredService<Core.Devices.Commands.PendingCommands>().Complete(notice.DeviceId, reply);
                    }
                    break;
                case "repair":
                    if (Read<RepairOrderChanged>(payload) is { } change)
                    {
                        feed.PublishFromPeer(change);
                    }
                    break;
            }
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or InvalidOperationException)
        {
            // Another version of the platform, or a defect: one bad notice must not stop the node's traffic.
            LogBadNotice(logger, e, topic);
        }
    }

    private static T? Read<T>(byte[] payload) => JsonSerializer.Deserialize<T>(payload, Json);

    private void Enqueue<T>(string kind, T notice, MqttQualityOfServiceLevel qos)
    {
        var message = new MqttApplicationMessageBuilder()
            .WithTopic($"{_prefix}{cluster.NodeId}/{kind}")
            .WithPayload(JsonSerializer.SerializeToUtf8Bytes(notice, Json))
            .WithQualityOfServiceLevel(qos)
            .Build();
        if (!_outbox.Writer.TryWrite(message))
        {
            Interlocked.Increment(ref _dropped);
        }
    }

    private async Task PumpAsync()
    {
        try
        {
            await foreach (var message in _outbox.Reader.ReadAllAsync(_stop.Token))
            {
                try
                {
                    if (!await Client.TryPublishAsync(message, _stop.Token))
                    {
                        Interlocked.Increment(ref _dropped);
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    Interlocked.Increment(ref _dropped);
                    LogSendFailed(logger, e.Message);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    public void Dispose()
    {
        foreach (var subscription in _subscriptions)
        {
            subscription.Dispose();
        }
        _stop.Cancel();
        _stop.Dispose();
    }

    private sealed record LiveNotice(long Version, ElevatorLiveState? State);

    private sealed record ReplyNotice(string DeviceId, CommandReply? Reply);

    [LoggerMessage(Level = LogLevel.Information, Message = "Platform node {Node} joined the cluster")]
    private static partial void LogNodeJoined(ILogger logger, string node);

    [LoggerMessage(Level = LogLevel.Information, Message = "Platform node {Node} left the cluster; its devices are decided by the others now")]
    private static partial void LogNodeLeft(ILogger logger, string node);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ignored an unreadable cluster notice on '{Topic}'")]
    private static partial void LogBadNotice(ILogger logger, Exception exception, string topic);

    [LoggerMessage(Level = LogLevel.Debug, Message = "A cluster notice could not be sent: {Error}")]
    private static partial void LogSendFailed(ILogger logger, string error);
}
