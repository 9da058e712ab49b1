using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MQTTnet;
using MQTTnet.Protocol;

namespace TiLianBang.Web.Simulation;

/// <summary>
/// A data collector as PROTOCOL.md describes it, over a real MQTT connection: CONNECT with its id and secret and
/// a last will, <c>online</c> 1 and <c>info</c> after connecting, state on change and per heartbeat, events,
/// stats, and answers to commands.
/// </summary>
public sealed class SimulatedCollector(string deviceId, string secret, SimulatedElevator elevator, TimeProvider clock) : IAsyncDisposable
{
    public static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(250);

    private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();
    private readonly SemaphoreSlim _publishGate = new(1, 1);
    private string? _host;
    private int _port;
    private bool _handlersAdded;

    public string DeviceId { get; } = deviceId;
    public SimulatedElevator Elevator { get; } = elevator;
    public bool IsConnected => _client.IsConnected;
    public long Published { get; private set; }

    /// <summary>Called with the send time of each state message (the benchmark measures latency from it).</summary>
    public Action<long>? StatePublished { get; set; }

    /// <summary>Called when the connection is lost or closed (e.g. another connection took the id over).</summary>
    public Action? Disconnected { get; set; }

    /// <summary>Whether <see cref="ReconnectAsync"/> knows where to: a connection has been attempted before.</summary>
    public bool CanReconnect => _host is not null;

    /// <summary>Connects again to the broker of the last <see cref="ConnectAsync"/>, as a collector does after losing it.</summary>
    public Task ReconnectAsync(CancellationToken cancellationToken) =>
        ConnectAsync(_host ?? throw new InvalidOperationException($"Collector {DeviceId} has never connected."), _port, cancellationToken);

    public async Task ConnectAsync(string host, int port, CancellationToken cancellationToken)
    {
        (_host, _port) = (host, port);
        var options = new MqttClientOptionsBuilder()
            .WithTcpServer(host, port)
            .WithClientId(DeviceId)
            .WithCredentials(DeviceId, secret)
            .WithProtocolVersion(MQTTnet.Formatter.MqttProtocolVersion.V311)
            .WithKeepAlivePeriod(TimeSpan.FromSeconds(60))
            .WithWillTopic($"tlb/{DeviceId}/online")
            .WithWillPayload("0")
            .WithWillQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .WithWillRetain()
            .WithTimeout(TimeSpan.FromSeconds(30))
            .Build();
        if (!_handlersAdded)
        {
            // One client for the collector's life: reconnecting reuses it, so the handlers are added once.
            _client.ApplicationMessageReceivedAsync += OnCommandAsync;
            _client.DisconnectedAsync += _ =>
            {
                Disconnected?.Invoke();
                return Task.CompletedTask;
            };
            _handlersAdded = true;
        }
        var result = await _client.ConnectAsync(options, cancellationToken);
        if (result.ResultCode != MqttClientConnectResultCode.Success)
        {
            throw new InvalidOperationException($"Collector {DeviceId} was refused: {result.ResultCode}");
        }
        await _client.SubscribeAsync($"tlb/{DeviceId}/cmd", MqttQualityOfServiceLevel.AtLeastOnce, cancellationToken);
        await PublishAsync("online", "1", MqttQualityOfServiceLevel.AtLeastOnce, retain: true, cancellationToken);
        await PublishAsync("info", InfoJson(), MqttQualityOfServiceLevel.AtLeastOnce, retain: true, cancellationToken);
        await PublishAsync("stats", Elevator.StatsJson(clock.GetUtcNow()), MqttQualityOfServiceLevel.AtLeastOnce, retain: false, cancellationToken);
    }

    /// <summary>Moves the elevator on by one tick and publishes what changed.</summary>
    public async Task StepAsync(TimeSpan elapsed, CancellationToken cancellationToken)
    {
        if (!_client.IsConnected)
        {
            return;
        }
        var now = clock.GetUtcNow();
        foreach (var (kind, payload) in Elevator.Advance(now, elapsed))
        {
            var qos = kind == "state" ? MqttQualityOfServiceLevel.AtMostOnce : MqttQualityOfServiceLevel.AtLeastOnce;
            await PublishAsync(kind, payload, qos, retain: false, cancellationToken);
            if (kind == "state")
            {
                StatePublished?.Invoke(now.ToUnixTimeMilliseconds());
            }
        }
    }

    /// <summary>Publishes one state message now, whatever changed (the benchmark's steady 1 msg/s).</summary>
    public async Task PublishStateAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await PublishAsync("state", Elevator.StateJson(now), MqttQualityOfServiceLevel.AtMostOnce, retain: false, cancellationToken);
        StatePublished?.Invoke(now.ToUnixTimeMilliseconds());
    }

    /// <summary>Raises or clears a fault now (the benchmark's event traffic).</summary>
    public Task PublishEventAsync(int code, bool raised, CancellationToken cancellationToken) =>
        PublishAsync("event", Elevator.EventJson(code, raised, clock.GetUtcNow()), MqttQualityOfServiceLevel.AtLeastOnce, retain: false, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (_client.IsConnected)
        {
            await _client.DisconnectAsync();
        }
        _client.Dispose();
        _publishGate.Dispose();
    }

    private async Task PublishAsync(string kind, string payload, MqttQualityOfServiceLevel qos, bool retain, CancellationToken cancellationToken)
    {
        var message = new MqttApplicationMessageBuilder()
            .WithTopic($"tlb/{DeviceId}/{kind}")
            .WithPayload(Encoding.UTF8.GetBytes(payload))
            .WithQualityOfServiceLevel(qos)
            .WithRetainFlag(retain)
            .Build();
        await _publishGate.WaitAsync(cancellationToken);
        try
        {
            await _client.PublishAsync(message, cancellationToken);
            Published++;
        }
        finally
        {
            _publishGate.Release();
        }
    }

    private string InfoJson() => new JsonObject
    {
        ["fw"] = "2.1.0-sim",
        ["model"] = "TLB-SIM",
        ["imei"] = DeviceId,
        ["iccid"] = "8986000000" + DeviceId[^10..],
        ["signal"] = 24,
        ["heartbeat"] = Elevator.HeartbeatSeconds,
    }.ToJsonString();

    private async Task OnCommandAsync(MqttApplicationMessageReceivedEventArgs e)
    {
        JsonNode? command;
        try
        {
            command = JsonNode.Parse(e.ApplicationMessage.ConvertPayloadToString());
        }
        catch (JsonException)
        {
            return;
        }
        if (command?["id"]?.GetValue<string>() is not { } id)
        {
            return;
        }
        var op = command["op"]?.GetValue<string>();
        var args = command["args"] as JsonObject ?? [];
        var now = clock.GetUtcNow();
        JsonNode? data = new JsonObject();
        string? error = null;
        switch (op)
        {
            case "readParams":
                var codes = (args["codes"] as JsonArray)?.Select(c => c!.GetValue<string>()).ToList();
                var selected = SimulatedParameters.Select(SimulatedParameters.Of(Elevator), codes, args["group"]?.GetValue<string>());
                data = new JsonObject(selected.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value)));
                break;
            case "call":
                var floor = args["floor"]?.GetValue<int>() ?? 0;
                if (!Elevator.Call(floor, args["kind"]?.GetValue<string>() ?? "car"))
                {
                    error = $"floor {floor} cannot be called now";
                }
                break;
            case "readStats":
                data = JsonNode.Parse(Elevator.StatsJson(now));
                break;
            case "readIo":
                data = JsonNode.Parse(Elevator.IoJson(now));
                break;
            case "setHeartbeat":
                var seconds = args["seconds"]?.GetValue<int>() ?? 0;
                if (seconds is < 10 or > 600)
                {
                    error = "seconds must be 10-600";
                }
                else
                {
                    Elevator.HeartbeatSeconds = seconds;
                }
                break;
            case "reboot":
                break;
            default:
                error = "unsupported op";
                break;
        }
        var reply = error is null
            ? new JsonObject { ["id"] = id, ["ok"] = true, ["data"] = data }
            : new JsonObject { ["id"] = id, ["ok"] = false, ["error"] = error };
        await PublishAsync("reply", reply.ToJsonString(), MqttQualityOfServiceLevel.AtLeastOnce, retain: false, CancellationToken.None);
    }
}
