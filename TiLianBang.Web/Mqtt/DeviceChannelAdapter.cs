using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using MQTTnet.Adapter;
using MQTTnet.Exceptions;
using MQTTnet.Formatter;
using MQTTnet.Packets;

namespace TiLianBang.Web.Mqtt;

/// <summary>
/// A collector connection as MQTTnet's server sees it: MQTTnet's own <see cref="MqttChannelAdapter"/> for sending,
/// and packets received whole from <see cref="MqttFramingGuard"/>.
/// </summary>
/// <remarks>
/// MQTTnet's adapter receives a packet through three nested asynchronous methods and the channel's read, each a new
/// object whenever it has to wait; an idle collector always waits, so with 19,000 collectors those objects were most
/// of what every gen0 collection had to keep and copy (issue 20). Here a packet that has arrived is decoded at once,
/// and waiting is this one method on the socket's reusable awaitable. What MQTTnet does with the result (null for a
/// closed or cancelled connection, its exception types for failures) is kept.
/// </remarks>
internal sealed class DeviceChannelAdapter(MqttFramingGuard channel, MqttChannelAdapter inner) : IMqttChannelAdapter
{
    private long _bytesReceived;

    public long BytesReceived => Interlocked.Read(ref _bytesReceived);

    public long BytesSent => inner.BytesSent;

    public X509Certificate2 ClientCertificate => inner.ClientCertificate;

    public EndPoint RemoteEndPoint => inner.RemoteEndPoint;

    public EndPoint LocalEndPoint => inner.LocalEndPoint;

    public bool IsSecureConnection => inner.IsSecureConnection;

    public MqttPacketFormatterAdapter PacketFormatterAdapter => inner.PacketFormatterAdapter;

    public Task ConnectAsync(CancellationToken cancellationToken) => inner.ConnectAsync(cancellationToken);

    public Task DisconnectAsync(CancellationToken cancellationToken) => inner.DisconnectAsync(cancellationToken);

    public Task SendPacketAsync(MqttPacket packet, CancellationToken cancellationToken) => inner.SendPacketAsync(packet, cancellationToken);

    public void ResetStatistics()
    {
        inner.ResetStatistics();
        Interlocked.Exchange(ref _bytesReceived, 0);
    }

    public void Dispose() => inner.Dispose();

    public async Task<MqttPacket> ReceivePacketAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var betweenPackets = true;
        try
        {
            while (true)
            {
                if (channel.TryTakePacket(out var received))
                {
                    return Decode(received);
                }
                betweenPackets = !channel.HasPartialPacket;
                if (betweenPackets)
                {
                    _ = await channel.WaitForDataAsync(cancellationToken);
                }
                if (cancellationToken.IsCancellationRequested)
                {
                    return null!;
                }
                var read = await channel.ReadAsync(cancellationToken);
                if (read == 0 || cancellationToken.IsCancellationRequested)
                {
                    // The peer closed the connection (MQTTnet's adapter answers null too).
                    return null!;
                }
                channel.Filled(read);
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or ObjectDisposedException
            || betweenPackets && exception is SocketException or IOException { InnerException: SocketException })
        {
            // A connection reset while no packet was under way is the end of the connection, not a fault.
            return null!;
        }
        catch (Exception exception) when (exception is not (MqttCommunicationException or MqttProtocolViolationException))
        {
            throw Wrapped(exception);
        }
    }

    private MqttPacket Decode(ReceivedMqttPacket received)
    {
        Interlocked.Add(ref _bytesReceived, received.TotalLength);
        var formatter = inner.PacketFormatterAdapter;
        if (formatter.ProtocolVersion == MqttProtocolVersion.Unknown)
        {
            formatter.DetectProtocolVersion(received);
        }
        return formatter.Decode(received) ?? throw new MqttProtocolViolationException("Received malformed packet.");
    }

    /// <summary>The exceptions MQTTnet's adapter makes of a failed read, so its server handles them alike.</summary>
    private static Exception Wrapped(Exception exception)
    {
        var socketError = exception as SocketException ?? (exception as IOException)?.InnerException as SocketException;
        return socketError?.SocketErrorCode == SocketError.OperationAborted
            ? new OperationCanceledException()
            : new MqttCommunicationException(socketError ?? exception);
    }
}
