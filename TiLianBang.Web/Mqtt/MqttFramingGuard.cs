using System.Buffers;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using MQTTnet.Channel;
using MQTTnet.Exceptions;

namespace TiLianBang.Web.Mqtt;

/// <summary>
/// Follows the MQTT packet framing of what a connection sends and closes it as soon as a packet announces a length
/// above the limit, or has fixed-header flags the specification forbids (MQTT 3.1.1 and 5.0 §2.1.3: a malformed
/// packet closes the connection). MQTTnet allocates a packet's whole announced length (up to 256 MiB) before reading
/// it, so without this a single unauthenticated socket could claim a quarter gigabyte with five bytes; and it does
/// not check the flags of every packet type.
/// </summary>
internal sealed class MqttFramingGuard(IMqttChannel inner, int maxPacketBytes, Action<EndPoint?, long> tooLarge, Action firstPacketRead) : IMqttChannel
{
    private bool _firstPacketRead;
    /// <summary>
    /// Packets that ask for an answer (PINGREQ, PUBLISH with QoS 1 or 2, PUBREL, SUBSCRIBE, UNSUBSCRIBE) that may
    /// wait unanswered: a client that sends them but never reads would otherwise make the server queue answers
    /// without end.
    /// </summary>
    public const int MaxUnanswered = 1000;

    private long _asked;
    private long _written;
    private enum Part { FixedHeader, Length, Body }

    private Part _part = Part.FixedHeader;
    private long _length;
    private long _multiplier = 1;
    private int _lengthBytes;
    private long _bodyLeft;

    public X509Certificate2 ClientCertificate => inner.ClientCertificate;
    public EndPoint RemoteEndPoint => inner.RemoteEndPoint;
    public EndPoint LocalEndPoint => inner.LocalEndPoint;
    public bool IsSecureConnection => inner.IsSecureConnection;

    public Task ConnectAsync(CancellationToken cancellationToken) => inner.ConnectAsync(cancellationToken);

    public Task DisconnectAsync(CancellationToken cancellationToken) => inner.DisconnectAsync(cancellationToken);

    public Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        // MQTTnet reads a packet in several small reads, mostly already buffered: no extra task for those.
        var reading = inner.ReadAsync(buffer, offset, count, cancellationToken);
        if (reading.IsCompletedSuccessfully)
        {
            Follow(buffer.AsSpan(offset, reading.Result));
            return reading;
        }
        return FollowAsync(reading, buffer, offset);
    }

    private async Task<int> FollowAsync(Task<int> reading, byte[] buffer, int offset)
    {
        var read = await reading;
        Follow(buffer.AsSpan(offset, read));
        return read;
    }

    public async Task WriteAsync(ReadOnlySequence<byte> buffer, bool isEndOfPacket, CancellationToken cancellationToken)
    {
        await inner.WriteAsync(buffer, isEndOfPacket, cancellationToken);
        if (isEndOfPacket)
        {
            Interlocked.Increment(ref _written);
        }
    }

    public void Dispose() => inner.Dispose();

    private void PacketRead()
    {
        if (!_firstPacketRead)
        {
            _firstPacketRead = true;
            firstPacketRead();
        }
    }

    private void CheckFlags(byte header)
    {
        var type = header >> 4;
        var flags = header & 0x0F;
        if (type is 12 or 6 or 8 or 10 || (type == 3 && (flags & 0x06) != 0))
        {
            // Every packet the server writes counts as an answer: conservative, commands to the device included.
            if (++_asked - Interlocked.Read(ref _written) > MaxUnanswered)
            {
                throw new MqttCommunicationException("MQTT client does not read the answers to its packets.");
            }
        }
        var valid = type switch
        {
            0 => false,
            3 => ((flags >> 1) & 0x03) != 0x03,
            6 or 8 or 10 => flags == 0x02,
            _ => flags == 0,
        };
        if (!valid)
        {
            throw new MqttCommunicationException("Malformed MQTT fixed header.");
        }
    }

    private void Follow(ReadOnlySpan<byte> bytes)
    {
        var i = 0;
        while (i < bytes.Length)
        {
            switch (_part)
            {
                case Part.FixedHeader:
                    CheckFlags(bytes[i++]);
                    _part = Part.Length;
                    _length = 0;
                    _multiplier = 1;
                    _lengthBytes = 0;
                    break;
                case Part.Length:
                    var b = bytes[i++];
                    _length += (b & 0x7F) * _multiplier;
                    _multiplier *= 128;
                    _lengthBytes++;
                    if ((b & 0x80) != 0)
                    {
                        if (_lengthBytes == 4)
                        {
                            throw new MqttCommunicationException("Malformed MQTT remaining length.");
                        }
                        break;
                    }
                    if (_length > maxPacketBytes)
                    {
                        tooLarge(RemoteEndPoint, _length);
                        // A fixed text: MQTTnet logs it, and a varying one would defeat the log throttle.
                        throw new MqttCommunicationException("MQTT packet exceeds the size limit.");
                    }
                    _bodyLeft = _length;
                    _part = _bodyLeft == 0 ? Part.FixedHeader : Part.Body;
                    if (_bodyLeft == 0)
                    {
                        PacketRead();
                    }
                    break;
                default:
                    var take = (int)Math.Min(_bodyLeft, bytes.Length - i);
                    i += take;
                    _bodyLeft -= take;
                    if (_bodyLeft == 0)
                    {
                        _part = Part.FixedHeader;
                        PacketRead();
                    }
                    break;
            }
        }
    }
}
