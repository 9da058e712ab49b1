using System.Net.Sockets;
using System.Text;

namespace TiLianBang.Tests.Infrastructure;

/// <summary>
/// MQTT bytes written by hand over a plain socket: for what a well-behaved client library refuses to send
/// (oversized lengths, wildcards in a publish topic, protocol violations, half packets, silence).
/// </summary>
public sealed class RawMqttConnection : IAsyncDisposable
{
    /// <summary>A guard against a hung test, not a sleep: reads end as soon as bytes or the close arrive.</summary>
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(15);

    private readonly TcpClient _client;
    private readonly NetworkStream _stream;

    private RawMqttConnection(TcpClient client)
    {
        _client = client;
        _stream = client.GetStream();
    }

    public static async Task<RawMqttConnection> OpenAsync(int port)
    {
        var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", port);
        return new RawMqttConnection(client);
    }

    /// <summary>Opens a connection and sends CONNECT as the collector; returns it after a successful CONNACK.</summary>
    public static async Task<RawMqttConnection> ConnectAsync(int port, DemoCollector collector, int version = 5)
    {
        var connection = await OpenAsync(port);
        await connection.SendAsync(Connect(collector.DeviceId, collector.DeviceId, collector.Secret, version));
        var connack = await connection.ReadPacketAsync();
        Assert.NotNull(connack);
        Assert.Equal(0x20, connack![0] & 0xF0);
        // CONNACK: flags, then the reason/return code.
        Assert.Equal(0, connack[1 + LengthBytes(connack) + 1]);
        return connection;
    }

    /// <summary>Bytes the server has sent that are not read yet.</summary>
    public int Available => _client.Available;

    public async Task SendAsync(byte[] bytes)
    {
        await _stream.WriteAsync(bytes);
        await _stream.FlushAsync();
    }

    /// <summary>The next whole packet, or null when the server closed the connection.</summary>
    public async Task<byte[]?> ReadPacketAsync()
    {
        using var guard = new CancellationTokenSource(Guard);
        var packet = new List<byte>();
        var header = await ReadByteAsync(guard.Token);
        if (header < 0)
        {
            return null;
        }
        packet.Add((byte)header);
        int length = 0, multiplier = 1, b;
        do
        {
            b = await ReadByteAsync(guard.Token);
            if (b < 0)
            {
                return null;
            }
            packet.Add((byte)b);
            length += (b & 0x7F) * multiplier;
            multiplier *= 128;
        }
        while ((b & 0x80) != 0);
        var body = new byte[length];
        var read = 0;
        while (read < length)
        {
            var n = await _stream.ReadAsync(body.AsMemory(read), guard.Token);
            if (n == 0)
            {
                return null;
            }
            read += n;
        }
        packet.AddRange(body);
        return [.. packet];
    }

    /// <summary>True once the server has closed the connection (packets before that, e.g. DISCONNECT, are skipped).</summary>
    public async Task<bool> ClosedByServerAsync()
    {
        try
        {
            while (await ReadPacketAsync() is not null)
            {
            }
            return true;
        }
        catch (IOException)
        {
            return true;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stream.DisposeAsync();
        _client.Dispose();
    }

    public static byte[] Connect(string clientId, string userName, string password, int version)
    {
        var variable = new List<byte>();
        variable.AddRange(String("MQTT"));
        variable.Add((byte)version);
        variable.Add(0xC2); // user name, password, clean session
        variable.AddRange([0x00, 0x3C]);
        if (version == 5)
        {
            variable.Add(0x00); // no properties
        }
        variable.AddRange(String(clientId));
        variable.AddRange(String(userName));
        variable.AddRange(String(password));
        return Packet(0x10, [.. variable]);
    }

    public static byte[] Publish(string topic, byte[] payload, int qos = 1, ushort packetId = 1, int version = 5)
    {
        var variable = new List<byte>(String(topic));
        if (qos > 0)
        {
            variable.AddRange([(byte)(packetId >> 8), (byte)packetId]);
        }
        if (version == 5)
        {
            variable.Add(0x00);
        }
        variable.AddRange(payload);
        return Packet((byte)(0x30 | (qos << 1)), [.. variable]);
    }

    public static byte[] Packet(byte header, byte[] body)
    {
        var bytes = new List<byte> { header };
        var length = body.Length;
        do
        {
            var digit = (byte)(length % 128);
            length /= 128;
            bytes.Add(length > 0 ? (byte)(digit | 0x80) : digit);
        }
        while (length > 0);
        bytes.AddRange(body);
        return [.. bytes];
    }

    /// <summary>How many bytes the remaining length of a packet takes.</summary>
    public static int LengthBytes(byte[] packet)
    {
        var i = 1;
        while ((packet[i] & 0x80) != 0)
        {
            i++;
        }
        return i;
    }

    private static byte[] String(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        return [(byte)(bytes.Length >> 8), (byte)bytes.Length, .. bytes];
    }

    private async Task<int> ReadByteAsync(CancellationToken cancellationToken)
    {
        var one = new byte[1];
        var n = await _stream.ReadAsync(one, cancellationToken);
        return n == 0 ? -1 : one[0];
    }
}
