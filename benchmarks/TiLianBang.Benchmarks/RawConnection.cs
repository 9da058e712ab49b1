using System.Net;
using System.Net.Sockets;

namespace TiLianBang.Benchmarks;

/// <summary>
/// One collector's raw MQTT connection. A sender thread of <see cref="RawLoadMode"/> fills its send buffer with
/// publishes and writes it without blocking (the kernel's back-pressure leaves the rest for the next pass); an async
/// receive loop (the runtime's epoll thread, not a thread per socket) reads CONNACK, PUBACK and PINGRESP with a
/// minimal parser. Counters are written by one side each and read by the reporter.
/// </summary>
internal sealed class RawConnection : IAsyncDisposable
{
    private const int SendBufferSize = 32 * 1024;

    private readonly Socket _socket;
    private readonly RawPublishTemplate _template;
    private readonly bool _v5;
    private readonly bool _acknowledged;
    private readonly Action _onAck;
    // The margin past SendBufferSize holds the closing PINGREQ when the publishes filled the buffer.
    private readonly byte[] _send = new byte[SendBufferSize + 16];
    private readonly TaskCompletionSource<int> _connAck = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stop = new();
    private int _sendStart;
    private int _sendEnd;
    private ushort _nextPacketId;
    private Task _receiving = Task.CompletedTask;

    // Written by the sender thread.
    public long Generated;
    public long LastSendTimestamp;
    public long PingsSent;
    public long Owed;
    public bool Queued;

    // Written by the receive loop.
    public int InFlight;
    public long Acknowledged;
    public long Refused;
    public long PingsAnswered;
    public volatile bool Closed;
    public string? CloseReason;

    public RawConnection(RawPublishTemplate template, bool v5, bool acknowledged, Action onAck)
    {
        _acknowledged = acknowledged;
        // A small kernel send buffer: back to back, the generator then waits for the broker instead of parking
        // megabytes per socket that the broker reads long after the measured seconds.
        _socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true, SendBufferSize = 64 * 1024 };
        _template = template;
        _v5 = v5;
        _onAck = onAck;
    }

    /// <summary>How many QoS 1 publishes may be unacknowledged at once (the server's Receive Maximum caps it).</summary>
    public int Window { get; private set; } = int.MaxValue;

    public bool HasPending => _sendEnd > _sendStart;

    /// <summary>Connects, sends CONNECT and waits for CONNACK; returns the CONNACK's reason code (0 = accepted).</summary>
    public async Task<int> ConnectAsync(IPEndPoint server, byte[] connect, int window, CancellationToken cancellationToken)
    {
        await _socket.ConnectAsync(server, cancellationToken);
        _receiving = ReceiveLoopAsync();
        await _socket.SendAsync(connect, SocketFlags.None, cancellationToken);
        var reason = await _connAck.Task.WaitAsync(TimeSpan.FromSeconds(60), cancellationToken);
        Window = Math.Min(Window, window);
        // From here the sender thread writes without ever blocking on this socket.
        _socket.Blocking = false;
        return reason;
    }

    /// <summary>Room in the send buffer for this many more publishes.</summary>
    public int Room => (SendBufferSize - _sendEnd) / _template.Length;

    /// <summary>Adds <paramref name="count"/> publishes to the send buffer.</summary>
    public void Append(int count, long unixMilliseconds)
    {
        for (var i = 0; i < count; i++)
        {
            if (++_nextPacketId == 0)
            {
                _nextPacketId = 1;
            }
            _template.Write(_send.AsSpan(_sendEnd), Generated++, unixMilliseconds, _nextPacketId);
            _sendEnd += _template.Length;
        }
        if (_acknowledged)
        {
            Interlocked.Add(ref InFlight, count);
        }
    }

    public void AppendPing()
    {
        RawMqttPackets.PingReq.CopyTo(_send.AsSpan(_sendEnd));
        _sendEnd += RawMqttPackets.PingReq.Length;
        PingsSent++;
    }

    /// <summary>Writes what the kernel takes now; true when any byte went out.</summary>
    public bool TryFlush(long timestamp)
    {
        if (!HasPending || Closed)
        {
            return false;
        }
        var written = _socket.Send(_send.AsSpan(_sendStart, _sendEnd - _sendStart), SocketFlags.None, out var error);
        if (error is not SocketError.Success and not SocketError.WouldBlock)
        {
            Close($"send: {error}");
            return false;
        }
        if (written <= 0)
        {
            return false;
        }
        LastSendTimestamp = timestamp;
        _sendStart += written;
        if (_sendStart == _sendEnd)
        {
            _sendStart = _sendEnd = 0;
        }
        else if (_sendStart > SendBufferSize / 2)
        {
            // Keep room at the end: move the unsent tail to the front.
            _send.AsSpan(_sendStart, _sendEnd - _sendStart).CopyTo(_send);
            _sendEnd -= _sendStart;
            _sendStart = 0;
        }
        return true;
    }

    private async Task ReceiveLoopAsync()
    {
        var buffer = new byte[16 * 1024];
        var filled = 0;
        try
        {
            while (true)
            {
                var read = await _socket.ReceiveAsync(buffer.AsMemory(filled), SocketFlags.None, _stop.Token);
                if (read == 0)
                {
                    Close("closed by the server");
                    return;
                }
                filled += read;
                var consumed = Parse(buffer.AsSpan(0, filled));
                if (consumed < 0)
                {
                    Close("packet larger than the receive buffer");
                    return;
                }
                buffer.AsSpan(consumed, filled - consumed).CopyTo(buffer);
                filled -= consumed;
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (SocketException error)
        {
            Close($"receive: {error.SocketErrorCode}");
        }
    }

    /// <summary>Handles every whole packet in <paramref name="data"/>; returns the bytes consumed (-1: cannot fit).</summary>
    private int Parse(ReadOnlySpan<byte> data)
    {
        var at = 0;
        while (at < data.Length)
        {
            var next = at + 1;
            var length = RawMqttPackets.ReadVarInt(data, ref next);
            if (length < 0 || next + length > data.Length)
            {
                return at == 0 && data.Length >= 16 * 1024 ? -1 : at;
            }
            var body = data.Slice(next, length);
            switch (data[at] >> 4)
            {
                case RawMqttPackets.ConnAck:
                    _connAck.TrySetResult(RawMqttPackets.ReadConnAck(body, _v5, out var receiveMaximum));
                    Window = receiveMaximum;
                    break;
                case RawMqttPackets.PubAck:
                    // MQTT 5 may carry a reason code; 0x80 and above refuse the message (it was not taken).
                    if (_v5 && body.Length >= 3 && body[2] >= 0x80)
                    {
                        Refused++;
                    }
                    else
                    {
                        Acknowledged++;
                    }
                    // Wake the sender only when half the window is free: it then writes several publishes at once.
                    if (Interlocked.Decrement(ref InFlight) == Window / 2)
                    {
                        _onAck();
                    }
                    break;
                case RawMqttPackets.PingResp:
                    PingsAnswered++;
                    _onAck();
                    break;
                case RawMqttPackets.Disconnect:
                    Close(body.Length > 0 ? $"DISCONNECT reason 0x{body[0]:X2}" : "DISCONNECT");
                    break;
                default:
                    // Nothing is subscribed, so nothing else is expected; skip it.
                    break;
            }
            at = next + length;
        }
        return at;
    }

    private void Close(string reason)
    {
        if (!Closed)
        {
            CloseReason = reason;
            Closed = true;
            _connAck.TrySetResult(-1);
            _onAck();
        }
    }

    public async ValueTask DisposeAsync()
    {
        Closed = true;
        await _stop.CancelAsync();
        _socket.Dispose();
        try
        {
            await _receiving;
        }
        catch (ObjectDisposedException)
        {
        }
        _stop.Dispose();
    }
}
