using System.Buffers;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using TiLianBang.Core.Devices.Commands;
using TiLianBang.Core.Devices.ExternalBroker;
using TiLianBang.Core.Devices.Pipeline;
using TiLianBang.Core.Devices.Protocol;

namespace TiLianBang.Web.Mqtt;

/// <summary>
/// Mqtt:Mode = External: the platform as an MQTT 5 client of the installation's broker (EMQX, Mosquitto). Device
/// traffic comes through shared subscriptions, so the nodes of one installation split it; each message goes to the
/// same pipeline as with the embedded broker, and a QoS 1 message is acknowledged to the broker only once what it
/// recorded is stored. Commands are published through this connection. The broker authenticates the devices and
/// keeps them in their own topics (EMQX hooks, Mosquitto's exported password and ACL files).
/// </summary>
public sealed partial class ExternalBrokerClient(
    IOptions<MqttOptions> options,
    DeviceMessageProcessor processor,
    ClusterBus bus,
    TimeProvider clock,
    ILoggerFactory loggers,
    ILogger<ExternalBrokerClient> logger) : BackgroundService, IDeviceCommandTransport
{
    /// <summary>The device topics taken through the shared subscription (everything a device may publish).</summary>
    public static readonly TopicKind[] DeviceKinds =
        [TopicKind.State, TopicKind.Event, TopicKind.Io, TopicKind.Stats, TopicKind.Info, TopicKind.Reply, TopicKind.Online];

    private readonly IMqttClient _client = new MqttClientFactory(new MqttNetLogger(loggers)).CreateMqttClient();
    private readonly TaskCompletionSource _firstConnected = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource _disconnected = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private CancellationToken _stopping;

    /// <summary>Unique per node and per start: two nodes never take each other's session.</summary>
    public string ClientId { get; } =
        $"tilianbang-{TopicSafe(Environment.MachineName)}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}";

    private static string TopicSafe(string name) =>
        new([.. name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '-')]);

    public bool IsConnected => _client.IsConnected;

    /// <summary>Completes once the client has connected and subscribed for the first time.</summary>
    public Task FirstConnected => _firstConnected.Task;

    /// <summary>Device messages received through the shared subscription (diagnostics, tests).</summary>
    public long Received => Interlocked.Read(ref _received);
    private long _received;

    public async Task PublishAsync(string topic, byte[] payload, CancellationToken cancellationToken)
    {
        if (!_client.IsConnected)
        {
            throw new InvalidOperationException("Not connected to the external MQTT broker.");
        }
        await _client.PublishAsync(new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(payload)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build(), cancellationToken);
    }

    /// <summary>Publishes for the cluster bus; false when not connected (the bus drops what it cannot send).</summary>
    internal async Task<bool> TryPublishAsync(MqttApplicationMessage message, CancellationToken cancellationToken)
    {
        if (!_client.IsConnected)
        {
            return false;
        }
        await _client.PublishAsync(message, cancellationToken);
        return true;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _stopping = stoppingToken;
        var settings = options.Value.External;
        bus.Start(ClientId);
        _client.ApplicationMessageReceivedAsync += OnMessageAsync;
        _client.DisconnectedAsync += e =>
        {
            if (e.ClientWasConnected)
            {
                LogDisconnected(logger, settings.Host, settings.Port, e.Reason, e.Exception?.Message);
            }
            _disconnected.TrySetResult();
            return Task.CompletedTask;
        };
        var delay = settings.ReconnectDelay;
        var first = true;
        while (!stoppingToken.IsCancellationRequested)
        {
            _disconnected = new(TaskCreationOptions.RunContinuationsAsynchronously);
            try
            {
                await ConnectAsync(settings, cleanStart: first, stoppingToken);
                first = false;
                delay = settings.ReconnectDelay;
                _firstConnected.TrySetResult();
                await _disconnected.Task.WaitAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                LogConnectFailed(logger, settings.Host, settings.Port, delay, e.Message);
            }
            try
            {
                await Task.Delay(delay, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, settings.MaxReconnectDelay.Ticks));
        }
    }

    private async Task ConnectAsync(ExternalBrokerOptions settings, bool cleanStart, CancellationToken cancellationToken)
    {
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer(settings.Host, settings.Port)
            .WithClientId(ClientId)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            // After the first connection the session is resumed, so that messages not yet acknowledged (a record
            // that could not be stored) come again.
            .WithCleanStart(cleanStart)
            .WithSessionExpiryInterval(300)
            .WithTimeout(TimeSpan.FromSeconds(10));
        if (!string.IsNullOrEmpty(settings.UserName))
        {
            builder.WithCredentials(settings.UserName, settings.Password);
        }
        if (settings.UseTls)
        {
            builder.WithTlsOptions(o => o.UseTls());
        }
        bus.PrepareWill(builder);
        var result = await _client.ConnectAsync(builder.Build(), cancellationToken);
        if (result.ResultCode != MqttClientConnectResultCode.Success)
        {
            throw new InvalidOperationException($"the broker refused the connection: {result.ResultCode} {result.ReasonString}");
        }
        var subscribe = new MqttClientSubscribeOptionsBuilder();
        foreach (var kind in DeviceKinds)
        {
            subscribe.WithTopicFilter($"$share/{settings.SharedGroup}/{DeviceTopic.For("+", kind)}", MqttQualityOfServiceLevel.AtLeastOnce);
        }
        subscribe.WithTopicFilter(bus.SubscriptionFilter, MqttQualityOfServiceLevel.AtLeastOnce);
        var granted = await _client.SubscribeAsync(subscribe.Build(), cancellationToken);
        foreach (var item in granted.Items)
        {
            if ((int)item.ResultCode > (int)MqttClientSubscribeResultCode.GrantedQoS2)
            {
                throw new InvalidOperationException(
                    $"the broker refused the subscription to '{item.TopicFilter.Topic}': {item.ResultCode} (does the platform's account have tlb/# and {settings.ClusterTopic}/#?)");
            }
        }
        await bus.ConnectedAsync(cancellationToken);
        LogConnected(logger, settings.Host, settings.Port, ClientId, settings.SharedGroup);
    }

    private async Task OnMessageAsync(MqttApplicationMessageReceivedEventArgs e)
    {
        var message = e.ApplicationMessage;
        var payload = message.Payload.ToArray();
        if (bus.Owns(message.Topic))
        {
            await bus.ReceiveAsync(message.Topic, payload, _stopping);
            return;
        }
        if (!DeviceTopic.TryParse(message.Topic, out var deviceId, out var kind) || kind == TopicKind.Command)
        {
            // Only the broker's ACL could let this through; say so rather than process it.
            LogUnexpectedTopic(logger, message.Topic);
            return;
        }
        Interlocked.Increment(ref _received);
        var durable = message.QualityOfServiceLevel != MqttQualityOfServiceLevel.AtMostOnce;
        // One subscription carries every device: an over-budget device must not hold it up (no waiting here).
        var outcome = await processor.ProcessAsync(deviceId, kind, payload, durable, _stopping, ownConnection: false);
        if (!durable)
        {
            return;
        }
        if (outcome.Failed)
        {
            // Not the message's fault: no acknowledgement, and a reconnect (the session is resumed) brings it again.
            e.ProcessingFailed = true;
            e.AutoAcknowledge = false;
            _ = ReconnectAsync();
            return;
        }
        if (outcome.Stored is { } stored && !stored.IsCompleted)
        {
            // The acknowledgement waits for the batch holding this record, but the next messages need not.
            e.AutoAcknowledge = false;
            _ = AcknowledgeWhenStoredAsync(e, deviceId, kind, stored);
        }
        else if (outcome.Stored is { IsCompletedSuccessfully: false })
        {
            e.ProcessingFailed = true;
            e.AutoAcknowledge = false;
            LogNotStored(logger, deviceId, kind);
            _ = ReconnectAsync();
        }
    }

    private async Task AcknowledgeWhenStoredAsync(MqttApplicationMessageReceivedEventArgs e, string deviceId, TopicKind kind, Task stored)
    {
        try
        {
            await stored.WaitAsync(_stopping);
            await e.AcknowledgeAsync(_stopping);
        }
        catch (OperationCanceledException)
        {
            // Stopping: the broker sends it again to another node or after the restart.
        }
        catch (Exception error) when (error is not OutOfMemoryException)
        {
            LogNotStored(logger, deviceId, kind);
            await ReconnectAsync();
        }
    }

    private async Task ReconnectAsync()
    {
        try
        {
            await _client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().WithReason(MqttClientDisconnectOptionsReason.UnspecifiedError).Build());
        }
        catch (Exception e) when (e is InvalidOperationException or MQTTnet.Exceptions.MqttCommunicationException or ObjectDisposedException)
        {
            // Already gone; the loop reconnects.
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_client.IsConnected)
        {
            try
            {
                await bus.LeavingAsync(cancellationToken);
                await _client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build(), cancellationToken);
            }
            catch (Exception e) when (e is InvalidOperationException or MQTTnet.Exceptions.MqttCommunicationException or OperationCanceledException)
            {
                // Going away anyway.
            }
        }
        await base.StopAsync(cancellationToken);
    }

    public override void Dispose()
    {
        _client.Dispose();
        base.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Connected to the external MQTT broker {Host}:{Port} as {ClientId}; device traffic shared in group '{Group}'")]
    private static partial void LogConnected(ILogger logger, string host, int port, string clientId, string group);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cannot connect to the external MQTT broker {Host}:{Port}; trying again in {Delay}: {Error}")]
    private static partial void LogConnectFailed(ILogger logger, string host, int port, TimeSpan delay, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Lost the external MQTT broker {Host}:{Port} ({Reason}): {Error}; reconnecting")]
    private static partial void LogDisconnected(ILogger logger, string host, int port, MqttClientDisconnectReason reason, string? error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The broker delivered a message on '{Topic}', which is no device topic; check its ACL")]
    private static partial void LogUnexpectedTopic(ILogger logger, string topic);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A {Kind} message of device {DeviceId} could not be stored; it is left unacknowledged and the connection renewed so that the broker sends it again")]
    private static partial void LogNotStored(ILogger logger, string deviceId, TopicKind kind);
}
