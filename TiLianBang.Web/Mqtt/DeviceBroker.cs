using System.Buffers;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Options;
using MQTTnet;
using MQTTnet.AspNetCore;
using MQTTnet.Packets;
using MQTTnet.Protocol;
using MQTTnet.Server;
using MQTTnet.Server.Internal.Adapter;
using TiLianBang.Core.Devices;
using TiLianBang.Core.Devices.Commands;
using TiLianBang.Core.Devices.Pipeline;
using TiLianBang.Core.Devices.Protocol;
using TiLianBang.Core.Devices.Recording;

namespace TiLianBang.Web.Mqtt;

/// <summary>
/// The MQTT broker the collectors connect to (DEV-1, DEV-2), hosted in this process: it authenticates each
/// device against the device directory, keeps it inside its own topics, and feeds its messages to the pipeline.
/// Starting fails loudly when a port is taken; stopping happens before the record writer drains.
/// </summary>
public sealed partial class DeviceBroker(
    IOptions<MqttOptions> options,
    DeviceDirectory directory,
    DeviceMessageProcessor processor,
    MqttConnectionHandler webSockets,
    ILoggerFactory loggers,
    ILogger<DeviceBroker> logger) : IHostedService, IDeviceCommandTransport, IAsyncDisposable, IDisposable
{
    /// <summary>Sender id of messages the platform injects; '$' can never be in a device id.</summary>
    public const string PlatformClientId = "$platform";

    /// <summary>
    /// Topic aliases a collector may use (MQTT 5). MQTTnet offers 65,535 and keeps each alias's topic for the
    /// connection's life before any check of ours, so without a cap one connection could hold gigabytes.
    /// </summary>
    public const int MaxTopicAlias = 16;

    private MqttServer? _server;
    private readonly Lock _stopLock = new();
    private Task? _stopped;

    /// <summary>
    /// The stand-in MQTTnet processes for a QoS 1 message answered by <see cref="PubAckQueue"/>, known by its payload
    /// array, which no device can send.
    /// </summary>
    private static readonly byte[] AnsweredMark = [0];
    private static readonly MqttPublishPacket Answered = new()
    {
        Topic = "tlb/answered", QualityOfServiceLevel = MqttQualityOfServiceLevel.AtMostOnce, Payload = new ReadOnlySequence<byte>(AnsweredMark),
    };
    private readonly LogThrottle _connectRefusals = new(LogThrottle.PerDevice);
    private DeviceTcpListener? _listener;

    /// <summary>Connections closed because a packet announced more than <c>Mqtt:MaxPacketBytes</c>.</summary>
    public long PacketsTooLarge => _listener?.PacketsTooLarge ?? 0;

    /// <summary>TCP/TLS connections that have not sent a whole CONNECT packet yet.</summary>
    public int PendingConnections => _listener?.PendingConnections ?? 0;

    /// <summary>Connections closed at once because too many had not sent CONNECT yet (<c>Mqtt:MaxPendingConnections…</c>).</summary>
    public long RefusedPending => _listener?.RefusedPending ?? 0;

    /// <summary>The TCP port actually listened on (differs from configuration when it was 0).</summary>
    public int Port { get; private set; }
    public int? TlsPort { get; private set; }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!settings.Embedded)
        {
            LogDisabled(logger, settings.Enabled ? "Mqtt:Mode = External" : "Mqtt:Enabled = false");
            return;
        }
        var builder = new MqttServerOptionsBuilder()
            // A connection that has not sent CONNECT within this time is closed.
            .WithDefaultCommunicationTimeout(settings.ConnectTimeout)
            .WithDefaultEndpoint()
            .WithDefaultEndpointPort(settings.Port)
            .WithDefaultEndpointReuseAddress();
        if (settings.TlsPort is { } tlsPort)
        {
            if (string.IsNullOrWhiteSpace(settings.CertificatePath))
            {
                throw new InvalidOperationException("Mqtt:TlsPort is set but Mqtt:CertificatePath (a PFX file) is not.");
            }
            builder.WithEncryptedEndpoint()
                .WithEncryptedEndpointPort(tlsPort)
                .WithEncryptionCertificate(X509CertificateLoader.LoadPkcs12FromFile(settings.CertificatePath, settings.CertificatePassword));
        }
        var serverOptions = builder.Build();
        var mqttLogger = new MqttNetLogger(loggers);
        _server = new MqttServerFactory(mqttLogger).CreateMqttServer(
            serverOptions, [_listener = new DeviceTcpListener(settings, loggers.CreateLogger<DeviceTcpListener>()), webSockets], mqttLogger);
        _server.ValidatingConnectionAsync += ValidateConnectionAsync;
        _server.ClientConnectedAsync += e => processor.ConnectedAsync(e.ClientId, e.RemoteEndPoint?.ToString(), CancellationToken.None).AsTask();
        _server.ClientDisconnectedAsync += OnDisconnectedAsync;
        _server.InterceptingPublishAsync += InterceptPublishAsync;
        _server.InterceptingInboundPacketAsync += InterceptInboundPacketAsync;
        _server.InterceptingSubscriptionAsync += InterceptSubscriptionAsync;
        _server.ClientSubscribedTopicAsync += e =>
        {
            processor.SubscribedToCommands(e.ClientId, e.TopicFilter.Topic);
            return Task.CompletedTask;
        };
        try
        {
            await _server.StartAsync();
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            throw new InvalidOperationException(
                $"MQTT port {settings.Port}{(settings.TlsPort is { } t ? $" or TLS port {t}" : "")} is already in use. " +
                "Stop the other program or set Mqtt:Port / Mqtt:TlsPort to a free port.", e);
        }
        Port = serverOptions.DefaultEndpointOptions.Port;
        TlsPort = settings.TlsPort is null ? null : serverOptions.TlsEndpointOptions.Port;
        LogStarted(logger, Port, TlsPort, directory.Count);
    }

    /// <summary>
    /// Stops the broker once, however many callers ask and however they overlap. A test host built by
    /// WebApplicationFactory around a minimal-hosting Program is stopped twice at once (by the factory and by
    /// Program's own RunAsync, which then disposes the services while the factory's stop is still going), and
    /// MQTTnet's StopAsync entered twice can cancel the token source the first call has just disposed.
    /// </summary>
    public Task StopAsync(CancellationToken cancellationToken) => StopOnceAsync();

    private Task StopOnceAsync()
    {
        lock (_stopLock)
        {
            return _stopped ??= StopServerAsync();
        }
    }

    private async Task StopServerAsync()
    {
        if (_server is { IsStarted: true } server)
        {
            await server.StopAsync(new MqttServerStopOptionsBuilder().Build());
        }
    }

    public async Task PublishAsync(string topic, byte[] payload, CancellationToken cancellationToken)
    {
        var server = _server ?? throw new InvalidOperationException("The MQTT broker is not running.");
        var message = new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(payload)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build();
        await server.InjectApplicationMessage(new InjectedMqttApplicationMessage(message) { SenderClientId = PlatformClientId }, cancellationToken);
    }

    /// <summary>Whether a connection with this client id is open now (the demo's simulator waits for a takeover to end).</summary>
    public async Task<bool> IsConnectedAsync(string clientId, CancellationToken cancellationToken) =>
        await StatusOfAsync(clientId, cancellationToken) is not null;

    /// <summary>MQTTnet's view of the open connection with this client id, or null.</summary>
    internal async Task<MqttClientStatus?> StatusOfAsync(string clientId, CancellationToken cancellationToken)
    {
        if (_server is not { IsStarted: true } server)
        {
            return null;
        }
        cancellationToken.ThrowIfCancellationRequested();
        return (await server.GetClientsAsync()).FirstOrDefault(c => c.Id == clientId);
    }

    /// <summary>After the one stop has finished: the server is disposed once and later commands find no broker running.</summary>
    public async ValueTask DisposeAsync()
    {
        await StopOnceAsync();
        Interlocked.Exchange(ref _server, null)?.Dispose();
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private Task ValidateConnectionAsync(ValidatingConnectionEventArgs e)
    {
        var result = directory.Authenticate(e.ClientId, e.UserName, e.Password);
        e.ReasonCode = result switch
        {
            DeviceAuthentication.Accepted => MqttConnectReasonCode.Success,
            DeviceAuthentication.BadIdentity => MqttConnectReasonCode.NotAuthorized,
            _ => MqttConnectReasonCode.BadUserNameOrPassword,
        };
        if (result != DeviceAuthentication.Accepted && _connectRefusals.TryEnter(DateTimeOffset.UtcNow, out var held))
        {
            // Once a minute for all refusals: the ids are the caller's to choose, so neither a key nor a full line.
            LogConnectRefused(logger, Cut(e.ClientId), Cut(e.UserName), result, e.RemoteEndPoint?.ToString(), held);
        }
        return Task.CompletedTask;
    }

    private async Task OnDisconnectedAsync(ClientDisconnectedEventArgs e)
    {
        if (e.DisconnectType == MqttClientDisconnectType.Takeover)
        {
            // A new connection with the same id replaced this one; the device stays online through it.
            LogTakenOver(logger, e.ClientId);
            return;
        }
        if (directory.Find(e.ClientId) is not null)
        {
            await processor.DisconnectedAsync(e.ClientId, ConnectionReason.Disconnected, CancellationToken.None);
        }
    }

    private async Task InterceptPublishAsync(InterceptingPublishEventArgs e)
    {
        if (e.ClientId == PlatformClientId)
        {
            return;
        }
        if (MemoryMarshal.TryGetArray(e.ApplicationMessage.Payload.First, out var segment) && ReferenceEquals(segment.Array, AnsweredMark))
        {
            // A QoS 1 message taken in InterceptInboundPacketAsync: only its place in MQTTnet's bookkeeping is left.
            e.ProcessPublish = false;
            return;
        }
        var topic = e.ApplicationMessage.Topic;
        if (!DeviceAcl.TryAuthorizePublish(e.ClientId, topic, out var kind))
        {
            e.ProcessPublish = false;
            e.Response.ReasonCode = MqttPubAckReasonCode.NotAuthorized;
            processor.Refused(e.ClientId, $"publish to '{topic}'");
            return;
        }
        var payload = e.ApplicationMessage.Payload;
        var bytes = payload.IsSingleSegment ? payload.First : payload.ToArray();
        var durable = e.ApplicationMessage.QualityOfServiceLevel != MqttQualityOfServiceLevel.AtMostOnce;
        var deviceId = e.ClientId;
        var outcome = await processor.ProcessAsync(deviceId, kind, bytes, durable, e.CancellationToken);
        // Device messages end here: nobody may subscribe to them (ACL), so routing them through the broker's
        // subscription matching, or retaining them, would only cost time per message.
        e.ProcessPublish = false;
        if (!durable)
        {
            return;
        }
        if (DurableAnswer(outcome) is not { } answer)
        {
            e.CloseConnection = true;
            return;
        }
        e.Response.ReasonCode = answer;
        e.Response.ReasonString = outcome.Rejection;
        if (outcome.Stored is { } stored)
        {
            // A PUBACK means "stored": it waits for the batch holding this message's record to commit.
            try
            {
                await stored.WaitAsync(e.CancellationToken);
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                // No acknowledgement: closing the connection makes the collector send it again after reconnecting.
                LogNotStored(logger, deviceId, kind);
                e.CloseConnection = true;
            }
        }
    }

    private Task InterceptInboundPacketAsync(InterceptingPacketEventArgs e)
    {
        if (e.Packet is not MqttPublishPacket publish)
        {
            return Task.CompletedTask;
        }
        if (publish.TopicAlias > MaxTopicAlias)
        {
            e.ProcessPacket = false;
            processor.Refused(e.ClientId, $"topic alias {publish.TopicAlias} (at most {MaxTopicAlias})");
            _ = CloseAsync(e.ClientId);
            return Task.CompletedTask;
        }
        if (publish.QualityOfServiceLevel == MqttQualityOfServiceLevel.AtMostOnce || _listener?.AcksOf(e.RemoteEndPoint) is not { } acks)
        {
            return Task.CompletedTask;
        }
        // A topic alias is resolved by MQTTnet (and QoS 2 is its to answer): it answers that one after every answer
        // of ours before it has gone out, so that the answers keep the messages' order.
        return publish.QualityOfServiceLevel == MqttQualityOfServiceLevel.AtLeastOnce && publish.TopicAlias == 0
            ? TakeDurableAsync(e, publish, acks)
            : acks.DrainAsync();
    }

    /// <summary>
    /// A QoS 1 message taken off MQTTnet's hands: stored through the pipeline and answered by <see cref="PubAckQueue"/>
    /// once committed, while the connection reads on. MQTTnet gets a stand-in QoS 0 packet in its place, which it
    /// counts as the client's sign of life (keep-alive) and drops in InterceptPublishAsync.
    /// </summary>
    private async Task TakeDurableAsync(InterceptingPacketEventArgs e, MqttPublishPacket publish, PubAckQueue acks)
    {
        var deviceId = e.ClientId;
        var id = publish.PacketIdentifier;
        e.Packet = Answered;
        if (!DeviceAcl.TryAuthorizePublish(deviceId, publish.Topic, out var kind))
        {
            processor.Refused(deviceId, $"publish to '{publish.Topic}'");
            await acks.AddAsync(id, null, MqttPubAckReasonCode.NotAuthorized, null, deviceId, kind);
            return;
        }
        var payload = publish.Payload;
        var bytes = payload.IsSingleSegment ? payload.First : payload.ToArray();
        var outcome = await processor.ProcessAsync(deviceId, kind, bytes, durable: true, e.CancellationToken);
        if (DurableAnswer(outcome) is { } answer)
        {
            await acks.AddAsync(id, outcome.Stored, answer, outcome.Rejection, deviceId, kind);
        }
        else
        {
            await acks.CloseAsync();
        }
    }

    /// <summary>
    /// The PUBACK for a QoS 1 message's outcome (sent once <see cref="MessageOutcome.Stored"/> completes), or null when
    /// there must be none: a message not taken for a reason of ours (a defect, the record budget) is not acknowledged
    /// (MQTT 3.1.1 cannot say "error"), and closing the connection makes the collector send it again.
    /// </summary>
    private static MqttPubAckReasonCode? DurableAnswer(MessageOutcome outcome) =>
        outcome.Accepted ? MqttPubAckReasonCode.Success
        : outcome.Failed ? null
        : MqttPubAckReasonCode.PayloadFormatInvalid;

    private async Task CloseAsync(string clientId)
    {
        try
        {
            if (_server is { } server)
            {
                await server.DisconnectClientAsync(clientId, new MqttServerClientDisconnectOptions { ReasonCode = MqttDisconnectReasonCode.TopicAliasInvalid });
            }
        }
        catch (Exception e) when (e is InvalidOperationException or MQTTnet.Exceptions.MqttCommunicationException or ObjectDisposedException)
        {
            // Gone already.
        }
    }

    private Task InterceptSubscriptionAsync(InterceptingSubscriptionEventArgs e)
    {
        if (!DeviceAcl.CanSubscribe(e.ClientId, e.TopicFilter.Topic))
        {
            // Both are needed: without the reason code MQTTnet would grant QoS 0 to a refused subscription.
            e.ProcessSubscription = false;
            e.Response.ReasonCode = MqttSubscribeReasonCode.NotAuthorized;
            processor.Refused(e.ClientId, $"subscribe to '{e.TopicFilter.Topic}'");
        }
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "MQTT broker listening on TCP port {Port} (TLS port {TlsPort}); {Devices} devices registered")]
    private static partial void LogStarted(ILogger logger, int port, int? tlsPort, int devices);

    [LoggerMessage(Level = LogLevel.Information, Message = "Embedded MQTT broker off ({Why})")]
    private static partial void LogDisabled(ILogger logger, string why);

    private static string? Cut(string? text) => text is { Length: > 64 } ? text[..64] + "…" : text;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused CONNECT of client '{ClientId}' user '{UserName}': {Reason} from {Endpoint} ({Held} more refused since the last line, logged at most once a minute)")]
    private static partial void LogConnectRefused(ILogger logger, string? clientId, string? userName, DeviceAuthentication reason, string? endpoint, long held);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A {Kind} message of device {DeviceId} could not be stored; its connection is closed unacknowledged so that it sends the message again")]
    private static partial void LogNotStored(ILogger logger, string deviceId, TopicKind kind);

    [LoggerMessage(Level = LogLevel.Information, Message = "Device {DeviceId} reconnected; the previous connection was closed")]
    private static partial void LogTakenOver(ILogger logger, string deviceId);
}
