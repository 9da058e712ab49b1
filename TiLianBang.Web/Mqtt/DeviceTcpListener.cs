using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using MQTTnet.Adapter;
using MQTTnet.Diagnostics.Logger;
using MQTTnet.Formatter;
using MQTTnet.Implementations;
using MQTTnet.Server;
using TiLianBang.Core.Devices.Pipeline;

namespace TiLianBang.Web.Mqtt;

/// <summary>
/// The broker's TCP and TLS endpoints. In place of MQTTnet's own listener because a device port faces the internet:
/// a TLS handshake must finish within the connect timeout (MQTTnet waits for ever), and every connection goes through
/// <see cref="MqttFramingGuard"/>. What MQTTnet's listener did is kept: IPv4 and IPv6, port 0 resolved, address
/// reuse, no Nagle delay.
/// </summary>
internal sealed partial class DeviceTcpListener(MqttOptions settings, ILogger logger) : IMqttServerAdapter
{
    private readonly List<Socket> _sockets = [];
    private readonly CancellationTokenSource _stopping = new();
    private readonly LogThrottle _tooLargeLog = new(LogThrottle.PerDevice);
    private readonly LogThrottle _acceptFailures = new(LogThrottle.PerDevice);
    private int _stopped;
    private long _tooLarge;
    private long _refusedPending;
    private int _pendingTotal;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<IPAddress, int> _pending = new();
    private readonly LogThrottle _pendingLog = new(LogThrottle.PerDevice);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<EndPoint, PubAckQueue> _acks = new();

    public Func<IMqttChannelAdapter, Task>? ClientHandler { get; set; }

    /// <summary>Connections closed because a packet announced more than the limit (diagnostics, tests).</summary>
    public long PacketsTooLarge => Interlocked.Read(ref _tooLarge);

    /// <summary>Connections that have not yet sent a whole first packet (CONNECT).</summary>
    public int PendingConnections => Volatile.Read(ref _pendingTotal);

    /// <summary>Connections closed at once because too many from their address (or in all) had not sent CONNECT yet.</summary>
    public long RefusedPending => Interlocked.Read(ref _refusedPending);

    /// <summary>
    /// The QoS 1 answers of the open connection from <paramref name="remote"/> (MQTTnet's client has the same end
    /// point object); null for a connection that did not come through this listener (WebSockets).
    /// </summary>
    public PubAckQueue? AcksOf(EndPoint? remote) => remote is not null && _acks.TryGetValue(remote, out var acks) ? acks : null;

    public Task StartAsync(MqttServerOptions options, IMqttNetLogger mqttLogger)
    {
        if (options.DefaultEndpointOptions.IsEnabled)
        {
            Listen(options.DefaultEndpointOptions, options, mqttLogger, tls: false);
        }
        if (options.TlsEndpointOptions.IsEnabled)
        {
            Listen(options.TlsEndpointOptions, options, mqttLogger, tls: true);
        }
        return Task.CompletedTask;
    }

    public Task StopAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 0)
        {
            _stopping.Cancel();
            foreach (var socket in _sockets)
            {
                socket.Dispose();
            }
        }
        return Task.CompletedTask;
    }

    // The token source is not disposed: connections still being served read its token (the TLS handshake's
    // timeout), and one without a timer holds nothing that disposing would release.
    public void Dispose() => StopAsync().GetAwaiter().GetResult();

    private void Listen(MqttServerTcpEndpointBaseOptions endpoint, MqttServerOptions options, IMqttNetLogger mqttLogger, bool tls)
    {
        var bound = false;
        foreach (var address in new[] { endpoint.BoundInterNetworkAddress, endpoint.BoundInterNetworkV6Address })
        {
            if (address.Equals(IPAddress.None))
            {
                continue;
            }
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                if (address.AddressFamily == AddressFamily.InterNetworkV6)
                {
                    socket.DualMode = false;
                }
                socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, endpoint.ReuseAddress);
                if (settings.ReceiveBufferBytes > 0)
                {
                    // Set before listening: accepted connections inherit it, and TCP's window scale is agreed at SYN.
                    socket.ReceiveBufferSize = settings.ReceiveBufferBytes;
                }
                socket.Bind(new IPEndPoint(address, endpoint.Port));
                // Port 0: the OS chose one; the IPv6 socket takes the same.
                endpoint.Port = ((IPEndPoint)socket.LocalEndPoint!).Port;
                socket.Listen(endpoint.ConnectionBacklog);
            }
            catch (SocketException e) when (bound && e.SocketErrorCode != SocketError.AddressAlreadyInUse)
            {
                // No IPv6 on this machine: IPv4 alone will do.
                LogNoIpv6(logger, endpoint.Port, e.SocketErrorCode);
                socket.Dispose();
                continue;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
            bound = true;
            _sockets.Add(socket);
            _ = AcceptAsync(socket, options, mqttLogger, tls ? options.TlsEndpointOptions : null);
        }
    }

    private async Task AcceptAsync(Socket listener, MqttServerOptions options, IMqttNetLogger mqttLogger, MqttServerTlsTcpEndpointOptions? tls)
    {
        var stopping = _stopping.Token;
        while (!stopping.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await listener.AcceptAsync(stopping);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
            {
                return;
            }
            catch (SocketException e)
            {
                // Out of file handles and the like: the next accept may succeed; never end the loop.
                if (_acceptFailures.TryEnter(DateTimeOffset.UtcNow, out var held))
                {
                    LogAcceptFailed(logger, e.SocketErrorCode, held);
                }
                try
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(100), stopping);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
                continue;
            }
            _ = ServeAsync(client, options, mqttLogger, tls);
        }
    }

    private async Task ServeAsync(Socket client, MqttServerOptions options, IMqttNetLogger mqttLogger, MqttServerTlsTcpEndpointOptions? tls)
    {
        var remote = client.RemoteEndPoint;
        var local = client.LocalEndPoint;
        Stream stream = new NetworkStream(client, ownsSocket: true);
        var address = (remote as IPEndPoint)?.Address ?? IPAddress.None;
        var pending = 1;
        void Connected()
        {
            if (Interlocked.Exchange(ref pending, 0) == 1)
            {
                LeavePending(address);
            }
        }
        if (!TryEnterPending(address))
        {
            pending = 0;
            await stream.DisposeAsync();
            return;
        }
        try
        {
            client.NoDelay = true;
            if (tls is not null)
            {
                var ssl = new SslStream(stream, leaveInnerStreamOpen: false);
                stream = ssl;
                using var handshake = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
                handshake.CancelAfter(settings.ConnectTimeout);
                await ssl.AuthenticateAsServerAsync(new SslServerAuthenticationOptions
                {
                    ServerCertificate = tls.CertificateProvider.GetCertificate(),
                    ClientCertificateRequired = false,
                    EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
                    EncryptionPolicy = EncryptionPolicy.RequireEncryption,
                }, handshake.Token);
            }
            var channel = new MqttFramingGuard(new MqttTcpChannel(stream, local, remote, null), stream, settings.MaxPacketBytes, TooLarge, Connected);
            using var adapter = new DeviceChannelAdapter(channel,
                new MqttChannelAdapter(channel, new MqttPacketFormatterAdapter(new MqttBufferWriter(options.WriterBufferSize, options.WriterBufferSizeMax)), mqttLogger));
            if (ClientHandler is { } handler)
            {
                var acks = new PubAckQueue(adapter, logger);
                if (remote is not null)
                {
                    _acks[remote] = acks;
                }
                try
                {
                    await handler(adapter);
                }
                finally
                {
                    if (remote is not null)
                    {
                        _acks.TryRemove(KeyValuePair.Create(remote, acks));
                    }
                }
            }
        }
        catch (Exception e)
        {
            // One connection's trouble (a failed handshake, a reset) ends that connection only.
            LogConnectionFailed(logger, e, remote);
        }
        finally
        {
            Connected();
            await stream.DisposeAsync();
        }
    }

    /// <summary>
    /// Sockets that have not sent CONNECT yet cost a file handle each and prove nothing: one address (and everyone
    /// together) may hold only so many, so that a flood of idle sockets cannot use up the handles the database and
    /// the real collectors need.
    /// </summary>
    private bool TryEnterPending(IPAddress address)
    {
        var total = Interlocked.Increment(ref _pendingTotal);
        var fromAddress = _pending.AddOrUpdate(address, 1, (_, n) => n + 1);
        if (total <= settings.MaxPendingConnections && fromAddress <= settings.MaxPendingConnectionsPerAddress)
        {
            return true;
        }
        LeavePending(address);
        Interlocked.Increment(ref _refusedPending);
        if (_pendingLog.TryEnter(DateTimeOffset.UtcNow, out var held))
        {
            LogTooManyPending(logger, address, fromAddress, total, held);
        }
        return false;
    }

    private void LeavePending(IPAddress address)
    {
        Interlocked.Decrement(ref _pendingTotal);
        // Remove the address when its count reaches zero, so that addresses seen once do not pile up.
        while (_pending.TryGetValue(address, out var n))
        {
            if (n <= 1 ? _pending.TryRemove(KeyValuePair.Create(address, n)) : _pending.TryUpdate(address, n - 1, n))
            {
                return;
            }
        }
    }

    private void TooLarge(EndPoint? remote, long length)
    {
        Interlocked.Increment(ref _tooLarge);
        if (_tooLargeLog.TryEnter(DateTimeOffset.UtcNow, out var held))
        {
            LogTooLarge(logger, remote?.ToString(), length, settings.MaxPacketBytes, held);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "MQTT: closed the connection from {Endpoint}: a packet of {Length} bytes exceeds the limit of {Limit} ({Held} more since the last line, logged at most once a minute)")]
    private static partial void LogTooLarge(ILogger logger, string? endpoint, long length, int limit, long held);

    [LoggerMessage(Level = LogLevel.Warning, Message = "MQTT: closed a connection from {Address} at once: {FromAddress} from it and {Total} in all had not sent CONNECT yet ({Held} more since the last line, logged at most once a minute)")]
    private static partial void LogTooManyPending(ILogger logger, IPAddress address, int fromAddress, int total, long held);

    [LoggerMessage(Level = LogLevel.Debug, Message = "MQTT: connection from {Endpoint} ended with an error")]
    private static partial void LogConnectionFailed(ILogger logger, Exception exception, EndPoint? endpoint);

    [LoggerMessage(Level = LogLevel.Warning, Message = "MQTT: accepting a connection failed ({Error}); trying again ({Held} more since the last line, logged at most once a minute)")]
    private static partial void LogAcceptFailed(ILogger logger, SocketError error, long held);

    [LoggerMessage(Level = LogLevel.Information, Message = "MQTT: no IPv6 listener on port {Port} ({Error}); IPv4 only")]
    private static partial void LogNoIpv6(ILogger logger, int port, SocketError error);
}
