using System.Text;
using TiLianBang.Core.Devices.Protocol;

namespace TiLianBang.Core.Devices.Pipeline;

/// <summary>
/// A collector's last <see cref="DeviceActivity.RawMessageCapacity"/> messages as bytes in slots that are reused,
/// turned into <see cref="RawMessage"/> text only when someone looks. Every message of every collector passes
/// through here: a new record and string per message, kept for 20 messages, outlived two GC generations and made
/// most of what each collection had to copy (issue 20: 140 ms pauses at 19,000 collectors).
/// Not thread-safe: <see cref="DeviceActivity"/> locks around it.
/// </summary>
internal sealed class RawMessageRing(string deviceId, int capacity)
{
    /// <summary>Payload bytes kept per message; the rest is counted, not kept.</summary>
    public const int PreviewBytes = 2048;

    private readonly Slot[] _slots = new Slot[capacity];
    private int _next;
    private int _count;

    public void Add(DateTimeOffset at, TopicKind kind, ReadOnlySpan<byte> payload, string? rejection) =>
        Take(at, kind, topic: null, rejection).Keep(payload);

    /// <summary>A message known only by a description of where it was sent (a refused topic); no payload.</summary>
    public void Add(DateTimeOffset at, string topic, string? rejection) =>
        Take(at, default, topic, rejection).Keep([]);

    /// <summary>The newest message as text (for watchers, who are told of each one as it comes).</summary>
    public RawMessage Newest() => _slots[(_next + capacity - 1) % capacity].ToMessage(deviceId);

    /// <summary>The kept messages as text, oldest first.</summary>
    public RawMessage[] ToArray()
    {
        var result = new RawMessage[_count];
        for (var i = 0; i < _count; i++)
        {
            result[i] = _slots[(_next - _count + i + capacity) % capacity].ToMessage(deviceId);
        }
        return result;
    }

    private Slot Take(DateTimeOffset at, TopicKind kind, string? topic, string? rejection)
    {
        var slot = _slots[_next] ??= new Slot();
        _next = (_next + 1) % capacity;
        _count = Math.Min(_count + 1, capacity);
        slot.At = at;
        slot.Kind = kind;
        slot.Topic = topic;
        slot.Rejection = rejection;
        return slot;
    }

    private sealed class Slot
    {
        private byte[] _bytes = [];
        private int _kept;
        private int _length;

        public DateTimeOffset At { get; set; }
        public TopicKind Kind { get; set; }
        public string? Topic { get; set; }
        public string? Rejection { get; set; }

        public void Keep(ReadOnlySpan<byte> payload)
        {
            _length = payload.Length;
            _kept = Math.Min(payload.Length, PreviewBytes);
            if (_bytes.Length < _kept)
            {
                // Grown, never shrunk: a collector's messages are much alike, so a slot settles at its size.
                _bytes = new byte[Math.Min(PreviewBytes, Math.Max(_kept, 64) * 5 / 4)];
            }
            payload[.._kept].CopyTo(_bytes);
        }

        public RawMessage ToMessage(string deviceId)
        {
            var text = Encoding.UTF8.GetString(_bytes, 0, _kept);
            if (_length > _kept)
            {
                text += $"… ({_length} bytes)";
            }
            return new RawMessage(At, Topic ?? DeviceTopic.For(deviceId, Kind), text, Rejection);
        }
    }
}
