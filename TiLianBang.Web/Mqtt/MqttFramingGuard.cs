using System.Buffers;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using MQTTnet.Adapter;
using MQTTnet.Channel;
using MQTTnet.Exceptions;

namespace TiLianBang.Web.Mqtt;

/// <summary>
/// Reads what a collector's connection sends as whole MQTT packets (for <see cref="DeviceChannelAdapter"/>) and closes
/// it as soon as a packet announces a length above the limit, or has fixed-header flags the specification forbids
/// (MQTT 3.1.1 and 5.0 §2.1.3: a malformed packet closes the connection). MQTTnet allocates a packet's whole
/// announced length (up to 256 MiB) before reading it, so without this a single unauthenticated socket could claim a
/// quarter gigabyte with five bytes; and it does not check the flags of every packet type. Writing stays MQTTnet's,
/// through <paramref name="inner"/>, counted here so that a client that never reads its answers is closed.
/// </summary>
/// <remarks>
/// One receive takes as many packets as have arrived. The buffer is taken from the pool only once data is there (a
/// zero-byte read waits for it), so the thousands of idle collectors between their messages hold none. Reads go to
/// <paramref name="stream"/> (the socket's or the TLS stream) and return its own reusable awaitable, so a waiting
/// collector costs no objects here (issue 20: the objects made per message that are still alive at the next garbage
/// collection set the length of its pauses).
/// </remarks>
internal sealed class MqttFramingGuard(IMqttChannel inner, Stream stream, int maxPacketBytes, Action<EndPoint?, long> tooLarge, Action firstPacketRead) : IMqttChannel
{
    /// <summary>
    /// Packets that ask for an answer (PINGREQ, PUBLISH with QoS 1 or 2, PUBREL, SUBSCRIBE, UNSUBSCRIBE) that may
    /// wait unanswered: a client that sends them but never reads would otherwise make the server queue answers
    /// without end.
    /// </summary>
    public const int MaxUnanswered = 1000;

    /// <summary>Read-ahead per receive: a few dozen collector messages.</summary>
    public const int ReadAheadBytes = 4096;

    private bool _firstPacketRead;
    private byte[] _ahead = [];
    private int _aheadStart;
    private int _aheadCount;

    // A packet whose body did not fit in what was read ahead: its body is read into its own array.
    private byte[]? _body;
    private int _bodyFilled;
    private byte _bodyHeader;
    private int _bodyTotalLength;

    private long _asked;
    private long _written;

    // A read into the pooled buffer is under way: it must not go back to the pool while the socket may still write it.
    private volatile bool _reading;

    public X509Certificate2 ClientCertificate => inner.ClientCertificate;
    public EndPoint RemoteEndPoint => inner.RemoteEndPoint;
    public EndPoint LocalEndPoint => inner.LocalEndPoint;
    public bool IsSecureConnection => inner.IsSecureConnection;

    public Task ConnectAsync(CancellationToken cancellationToken) => inner.ConnectAsync(cancellationToken);

    public Task DisconnectAsync(CancellationToken cancellationToken) => inner.DisconnectAsync(cancellationToken);

    /// <summary>Packets are read whole, by <see cref="TryTakePacket"/>; MQTTnet's own reading is not used.</summary>
    public Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        throw new NotSupportedException("A collector's packets are read by DeviceChannelAdapter.");

    /// <summary>
    /// The next whole packet if it has arrived. Throws <see cref="MqttCommunicationException"/> for a packet that
    /// must close the connection, as soon as its fixed header shows it.
    /// </summary>
    public bool TryTakePacket(out ReceivedMqttPacket packet)
    {
        packet = default;
        if (_body is { } body)
        {
            if (_bodyFilled < body.Length)
            {
                return false;
            }
            packet = new ReceivedMqttPacket(_bodyHeader, new ArraySegment<byte>(body), _bodyTotalLength);
            _body = null;
            Taken();
            return true;
        }
        var span = _ahead.AsSpan(_aheadStart, _aheadCount);
        if (span.IsEmpty)
        {
            return false;
        }
        CheckFlags(span[0]);
        var length = 0;
        var multiplier = 1;
        var headerLength = 1;
        while (true)
        {
            if (headerLength >= span.Length)
            {
                return false;
            }
            var b = span[headerLength++];
            length += (b & 0x7F) * multiplier;
            if ((b & 0x80) == 0)
            {
                break;
            }
            if (headerLength == 5)
            {
                throw new MqttCommunicationException("Malformed MQTT remaining length.");
            }
            multiplier *= 128;
        }
        if (length > maxPacketBytes)
        {
            tooLarge(RemoteEndPoint, length);
            // A fixed text: MQTTnet logs it, and a varying one would defeat the log throttle.
            throw new MqttCommunicationException("MQTT packet exceeds the size limit.");
        }
        var header = span[0];
        CountAnswerAsked(header);
        var total = headerLength + length;
        var bodyArray = length == 0 ? [] : new byte[length];
        if (span.Length >= total)
        {
            span.Slice(headerLength, length).CopyTo(bodyArray);
            Consume(total);
            packet = new ReceivedMqttPacket(header, new ArraySegment<byte>(bodyArray), total);
            Taken();
            return true;
        }
        // The rest of the body is read straight into its own array.
        var have = span.Length - headerLength;
        span[headerLength..].CopyTo(bodyArray);
        Consume(span.Length);
        (_body, _bodyFilled, _bodyHeader, _bodyTotalLength) = (bodyArray, have, header, total);
        return false;
    }

    /// <summary>True when bytes are waiting here that are not yet a whole packet (a read will complete them).</summary>
    public bool HasPartialPacket => _body is not null || _aheadCount > 0;

    /// <summary>Waits until the connection has data (a zero-byte read), holding no buffer meanwhile.</summary>
    public ValueTask<int> WaitForDataAsync(CancellationToken cancellationToken) =>
        stream.CanRead ? stream.ReadAsync(Memory<byte>.Empty, cancellationToken) : ValueTask.FromResult(0);

    /// <summary>Reads what has arrived into the read-ahead buffer or the body being filled; 0 when the connection ended.</summary>
    public ValueTask<int> ReadAsync(CancellationToken cancellationToken)
    {
        if (!stream.CanRead)
        {
            return ValueTask.FromResult(0);
        }
        if (_body is { } body)
        {
            return stream.ReadAsync(body.AsMemory(_bodyFilled), cancellationToken);
        }
        if (_aheadCount == 0)
        {
            ReturnAhead();
            _ahead = ArrayPool<byte>.Shared.Rent(ReadAheadBytes);
            _aheadStart = 0;
        }
        else if (_aheadStart > 0)
        {
            // At most a fixed header (five bytes) is left: move it to the front to read on after it.
            _ahead.AsSpan(_aheadStart, _aheadCount).CopyTo(_ahead);
            _aheadStart = 0;
        }
        _reading = true;
        return stream.ReadAsync(_ahead.AsMemory(_aheadCount), cancellationToken);
    }

    /// <summary>Takes in what <see cref="ReadAsync(CancellationToken)"/> read.</summary>
    public void Filled(int read)
    {
        _reading = false;
        if (_body is not null)
        {
            _bodyFilled += read;
        }
        else
        {
            _aheadCount += read;
        }
    }

    private void Consume(int bytes)
    {
        _aheadStart += bytes;
        _aheadCount -= bytes;
        if (_aheadCount == 0)
        {
            ReturnAhead();
        }
    }

    private void ReturnAhead()
    {
        if (_ahead.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_ahead);
            _ahead = [];
        }
        _aheadStart = 0;
        _aheadCount = 0;
    }

    private void Taken()
    {
        if (!_firstPacketRead)
        {
            _firstPacketRead = true;
            firstPacketRead();
        }
    }

    public async Task WriteAsync(System.Buffers.ReadOnlySequence<byte> buffer, bool isEndOfPacket, CancellationToken cancellationToken)
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
        // A connection that ends with bytes read ahead gives its buffer back; one closed under a read leaves its
        // buffer to the garbage collector instead, as the socket may still be writing into it.
        if (!_reading)
        {
            ReturnAhead();
        }
        _body = null;
    }

    /// <summary>Closes the connection on a fixed header whose flags the specification forbids.</summary>
    private static void CheckFlags(byte header)
    {
        var flags = header & 0x0F;
        var valid = (header >> 4) switch
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

    /// <summary>Counts a packet that asks for an answer, once per packet, when its fixed header is complete.</summary>
    private void CountAnswerAsked(byte header)
    {
        var type = header >> 4;
        if (type is 12 or 6 or 8 or 10 || (type == 3 && (header & 0x06) != 0))
        {
            // Every packet the server writes counts as an answer: conservative, commands to the device included.
            if (++_asked - Interlocked.Read(ref _written) > MaxUnanswered)
            {
                throw new MqttCommunicationException("MQTT client does not read the answers to its packets.");
            }
        }
    }
}
