using System.Buffers.Binary;
using System.Text;

namespace TiLianBang.Benchmarks;

/// <summary>
/// The few MQTT packets the raw load generator writes, encoded once, and the little it must read back (CONNACK and
/// its MQTT 5 Receive Maximum). Hand-written so that the generator spends its CPU on sockets, not on a client
/// library's per-message objects: a publish is a copied template with a few digits patched in place.
/// </summary>
internal static class RawMqttPackets
{
    public const byte ConnAck = 2;
    public const byte PubAck = 4;
    public const byte PingResp = 13;
    public const byte Disconnect = 14;

    public static readonly byte[] PingReq = [0xC0, 0x00];

    /// <summary>CONNECT with clean session, user name and password; no will (ingest is what is measured).</summary>
    public static byte[] Connect(string clientId, string? userName, string? password, int protocolLevel, ushort keepAliveSeconds)
    {
        var v5 = protocolLevel == 5;
        var body = new List<byte>();
        AddString(body, "MQTT");
        body.Add((byte)protocolLevel);
        byte flags = 0x02;
        if (userName is not null)
        {
            flags |= 0x80;
        }
        if (password is not null)
        {
            flags |= 0x40;
        }
        body.Add(flags);
        body.Add((byte)(keepAliveSeconds >> 8));
        body.Add((byte)keepAliveSeconds);
        if (v5)
        {
            body.Add(0); // no CONNECT properties
        }
        AddString(body, clientId);
        if (userName is not null)
        {
            AddString(body, userName);
        }
        if (password is not null)
        {
            AddString(body, password);
        }
        return Frame(0x10, body);
    }

    /// <summary>
    /// A PUBLISH whose payload has a fixed size; <paramref name="packetIdOffset"/> is where the packet id goes (QoS 1)
    /// and <paramref name="payloadOffset"/> where the payload starts, so the sender can patch both in a copy.
    /// </summary>
    public static byte[] Publish(string topic, byte[] payload, int qos, bool v5, out int packetIdOffset, out int payloadOffset)
    {
        var body = new List<byte>();
        AddString(body, topic);
        var idAt = body.Count;
        if (qos > 0)
        {
            body.Add(0);
            body.Add(1);
        }
        if (v5)
        {
            body.Add(0); // no PUBLISH properties
        }
        var payloadAt = body.Count;
        body.AddRange(payload);
        var packet = Frame((byte)(0x30 | (qos << 1)), body);
        var header = packet.Length - body.Count;
        packetIdOffset = qos > 0 ? header + idAt : -1;
        payloadOffset = header + payloadAt;
        return packet;
    }

    /// <summary>
    /// The CONNACK's outcome: 0 = accepted. For MQTT 5 also the server's Receive Maximum (how many QoS 1 publishes
    /// it takes unacknowledged at once; 65,535 when it does not say).
    /// </summary>
    public static int ReadConnAck(ReadOnlySpan<byte> body, bool v5, out int receiveMaximum)
    {
        receiveMaximum = ushort.MaxValue;
        if (body.Length < 2)
        {
            return 255;
        }
        var reason = body[1];
        if (!v5 || body.Length < 3)
        {
            return reason;
        }
        var at = 2;
        var length = ReadVarInt(body, ref at);
        var end = Math.Min(body.Length, at + length);
        while (at < end)
        {
            var id = body[at++];
            switch (id)
            {
                case 0x21:
                    receiveMaximum = BinaryPrimitives.ReadUInt16BigEndian(body[at..]);
                    at += 2;
                    break;
                case 0x13 or 0x22:
                    at += 2;
                    break;
                case 0x02 or 0x11 or 0x27:
                    at += 4;
                    break;
                case 0x0B:
                    ReadVarInt(body, ref at);
                    break;
                case 0x03 or 0x08 or 0x12 or 0x15 or 0x1A or 0x1C or 0x1F or 0x09 or 0x16:
                    at += 2 + BinaryPrimitives.ReadUInt16BigEndian(body[at..]);
                    break;
                case 0x26:
                    at += 2 + BinaryPrimitives.ReadUInt16BigEndian(body[at..]);
                    at += 2 + BinaryPrimitives.ReadUInt16BigEndian(body[at..]);
                    break;
                default:
                    at += 1; // the one-byte properties (0x01, 0x17, 0x19, 0x24, 0x25, 0x28, 0x29, 0x2A)
                    break;
            }
        }
        return reason;
    }

    /// <summary>MQTT's variable-length integer; -1 when the bytes so far do not complete it.</summary>
    public static int ReadVarInt(ReadOnlySpan<byte> data, ref int at)
    {
        var value = 0;
        for (var shift = 0; shift <= 21; shift += 7)
        {
            if (at >= data.Length)
            {
                return -1;
            }
            var b = data[at++];
            value |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return value;
            }
        }
        return -1;
    }

    private static byte[] Frame(byte first, List<byte> body)
    {
        var packet = new List<byte>(body.Count + 5) { first };
        var length = body.Count;
        do
        {
            var b = (byte)(length % 128);
            length /= 128;
            packet.Add(length > 0 ? (byte)(b | 0x80) : b);
        }
        while (length > 0);
        packet.AddRange(body);
        return [.. packet];
    }

    private static void AddString(List<byte> body, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        body.Add((byte)(bytes.Length >> 8));
        body.Add((byte)bytes.Length);
        body.AddRange(bytes);
    }
}
