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

    /// <summary>Read-ahead per receive: a few dozen collector messages.</summary>
    public const int ReadAheadBytes = 4096;

    private byte[] _ahead = [];
    private int _aheadStart;
    private int _aheadCount;

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
        if (_aheadCount > 0)
        {
            // Most of MQTTnet's small reads (a header, a length, a short body) are served from what is here already.
            var served = TakeAhead(buffer.AsSpan(offset, count));
            Follow(buffer.AsSpan(offset, served));
            return Task.FromResult(served);
        }
        return count >= ReadAheadBytes ? ReadDirectAsync(buffer, offset, count, cancellationToken) : ReadAheadAsync(buffer, offset, count, cancellationToken);
    }

    private async Task<int> ReadDirectAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        var read = await inner.ReadAsync(buffer, offset, count, cancellationToken);
        Follow(buffer.AsSpan(offset, read));
        return read;
    }

    /// <summary>
    /// One receive for as many packets as have arrived, where MQTTnet would make two or three per packet. The buffer
    /// is taken from the pool only once data is there (a zero-byte read waits for it), so the thousands of idle
    /// collectors between their messages hold none.
    /// </summary>
    private async Task<int> ReadAheadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        await inner.ReadAsync([], 0, 0, cancellationToken);
        var ahead = ArrayPool<byte>.Shared.Rent(ReadAheadBytes);
        int read;
        try
        {
            read = await inner.ReadAsync(ahead, 0, ahead.Length, cancellationToken);
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(ahead);
            throw;
        }
        if (read == 0)
        {
            ArrayPool<byte>.Shared.Return(ahead);
            return 0;
        }
        (_ahead, _aheadStart, _aheadCount) = (ahead, 0, read);
        var served = TakeAhead(buffer.AsSpan(offset, count));
        Follow(buffer.AsSpan(offset, served));
        return served;
    }

    private int TakeAhead(Span<byte> target)
    {
        var served = Math.Min(target.Length, _aheadCount);
        _ahead.AsSpan(_aheadStart, served).CopyTo(target);
        _aheadStart += served;
        _aheadCount -= served;
        if (_aheadCount == 0)
        {
            ArrayPool<byte>.Shared.Return(_ahead);
            _ahead = [];
        }
        return served;
    }

    public async Task WriteAsync(ReadOnlySequence<byte> buffer, bool isEndOfPacket, CancellationToken cancellationToken)
    {
        await inner.WriteAsync(buffer, isEndOfPacket, cancellationToken);
        if (isEndOfPacket)
        {
            Interlocked.Increment(ref _written);
        }
    }

    public void Dispose()
    {
        inner.Dispose();
        // A connection that ends with bytes read ahead gives its buffer back; MQTTnet reads no more after Dispose.
        if (_aheadCount > 0)
        {
            _aheadCount = 0;
            ArrayPool<byte>.Shared.Return(_ahead);
            _ahead = [];
        }
    }

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
