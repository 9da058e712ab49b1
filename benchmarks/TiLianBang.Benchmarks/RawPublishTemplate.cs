using System.Buffers.Binary;
using System.Text;

namespace TiLianBang.Benchmarks;

/// <summary>
/// One collector's PUBLISH, encoded once with a fixed-size payload (docs/protocol.md): a state with <c>ts</c>, a
/// 10-digit <c>seq</c> and a one-digit floor that change, or an event with a unique 10-digit id suffix, <c>ts</c>
/// and <c>state</c> 1/0 that change. Writing a message is a copy plus a few digits, no allocation.
/// </summary>
internal sealed class RawPublishTemplate
{
    private readonly byte[] _packet;
    private readonly int _packetIdAt;
    private readonly int _tsAt;
    private readonly int _counterAt;
    private readonly int _digitAt;
    private readonly bool _isEvent;

    private const string TsPlaceholder = "1764000000000";
    private const string CounterPlaceholder = "0000000000";

    public RawPublishTemplate(string deviceId, bool isEvent, int qos, bool v5, string runTag)
    {
        _isEvent = isEvent;
        // Numbers in JSON cannot have leading zeros, so seq counts from 10^9 to keep its width; an event id is a string.
        var json = isEvent
            ? $"{{\"id\":\"{runTag}-{CounterPlaceholder}\",\"ts\":{TsPlaceholder},\"code\":40,\"state\":1}}"
            : $"{{\"ts\":{TsPlaceholder},\"seq\":1{CounterPlaceholder[1..]},\"mode\":1,\"run\":1,\"dir\":1,\"floor\":1,\"door\":2,\"load\":35,\"speed\":1.6}}";
        var payload = Encoding.UTF8.GetBytes(json);
        _packet = RawMqttPackets.Publish($"tlb/{deviceId}/{(isEvent ? "event" : "state")}", payload, qos, v5, out _packetIdAt, out var payloadAt);
        _tsAt = payloadAt + json.IndexOf(TsPlaceholder, StringComparison.Ordinal);
        _counterAt = isEvent
            ? payloadAt + json.IndexOf(CounterPlaceholder, StringComparison.Ordinal)
            : payloadAt + json.IndexOf("\"seq\":", StringComparison.Ordinal) + 6;
        _digitAt = payloadAt + json.IndexOf(isEvent ? "\"state\":" : "\"floor\":", StringComparison.Ordinal) + 8;
    }

    public int Length => _packet.Length;

    /// <summary>Message number <paramref name="counter"/> (from 0) into <paramref name="destination"/>.</summary>
    public void Write(Span<byte> destination, long counter, long unixMilliseconds, ushort packetId)
    {
        _packet.CopyTo(destination);
        if (_packetIdAt >= 0)
        {
            BinaryPrimitives.WriteUInt16BigEndian(destination[_packetIdAt..], packetId);
        }
        WriteDigits(destination.Slice(_tsAt, 13), unixMilliseconds);
        WriteDigits(destination.Slice(_counterAt, 10), _isEvent ? counter : 1_000_000_000 + counter);
        // Events alternate raised/cleared; states walk floors 1..9, so consecutive states differ.
        destination[_digitAt] = _isEvent ? (byte)('0' + ((counter + 1) & 1)) : (byte)('1' + counter % 9);
    }

    private static void WriteDigits(Span<byte> destination, long value)
    {
        for (var i = destination.Length - 1; i >= 0; i--)
        {
            destination[i] = (byte)('0' + value % 10);
            value /= 10;
        }
    }
}
