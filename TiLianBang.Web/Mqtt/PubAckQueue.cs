using MQTTnet.Adapter;
using MQTTnet.Exceptions;
using MQTTnet.Packets;
using MQTTnet.Protocol;
using TiLianBang.Core.Devices.Protocol;

namespace TiLianBang.Web.Mqtt;

/// <summary>
/// The PUBACKs of one connection's QoS 1 messages, each sent once the message's record is committed and all of them
/// in the order the messages came (MQTT 3.1.1 and 5.0 §4.6). MQTTnet answers a PUBLISH only after the handler
/// returns and reads nothing meanwhile, so a PUBACK that waits for the commit left one message in flight per
/// collector, and a batch of the record writer held one message of each. Here the connection reads on while up to
/// <see cref="MaxInFlight"/> messages wait for their commit; past that its reading waits for the oldest, so TCP
/// holds the collector back.
/// </summary>
internal sealed partial class PubAckQueue(IMqttChannelAdapter adapter, ILogger logger)
{
    /// <summary>Well under <see cref="MqttFramingGuard.MaxUnanswered"/>, with room for a read-ahead buffer of packets.</summary>
    public const int MaxInFlight = 256;

    // Touched only by the connection's receive loop, which handles one packet at a time.
    private readonly Queue<Task> _inFlight = new();
    private Task _tail = Task.CompletedTask;
    private volatile bool _closed;

    /// <summary>
    /// Queues the answer to a QoS 1 PUBLISH, sent after <paramref name="stored"/> (if any) and every earlier answer.
    /// The returned task waits only when <see cref="MaxInFlight"/> answers are waiting already.
    /// </summary>
    public ValueTask AddAsync(ushort packetId, Task? stored, MqttPubAckReasonCode reasonCode, string? reasonString, string deviceId, TopicKind kind)
    {
        while (_inFlight.TryPeek(out var oldest) && oldest.IsCompleted)
        {
            _inFlight.Dequeue();
        }
        _tail = AnswerAsync(_tail, packetId, stored, reasonCode, reasonString, deviceId, kind);
        _inFlight.Enqueue(_tail);
        return _inFlight.Count < MaxInFlight ? ValueTask.CompletedTask : new ValueTask(_inFlight.Dequeue());
    }

    /// <summary>Completes when every answer queued so far has been sent (or the connection is gone).</summary>
    public Task DrainAsync() => _tail;

    /// <summary>Closes the connection unanswered: the collector sends what it has not had answered again after reconnecting.</summary>
    public async Task CloseAsync()
    {
        _closed = true;
        try
        {
            await adapter.DisconnectAsync(CancellationToken.None);
        }
        catch (Exception e) when (IsGone(e))
        {
        }
    }

    private async Task AnswerAsync(Task previous, ushort packetId, Task? stored, MqttPubAckReasonCode reasonCode, string? reasonString, string deviceId, TopicKind kind)
    {
        // Never faults: every failure below ends in _closed.
        await previous;
        if (stored is not null)
        {
            try
            {
                await stored;
            }
            catch (Exception)
            {
                if (!_closed)
                {
                    LogNotStored(logger, deviceId, kind);
                    await CloseAsync();
                }
                return;
            }
        }
        if (_closed)
        {
            return;
        }
        try
        {
            await adapter.SendPacketAsync(new MqttPubAckPacket { PacketIdentifier = packetId, ReasonCode = reasonCode, ReasonString = reasonString }, CancellationToken.None);
        }
        catch (Exception)
        {
            // Whatever broke the write broke the connection: the collector sends again what it has not had answered.
            _closed = true;
        }
    }

    private static bool IsGone(Exception e) =>
        e is ObjectDisposedException or MqttCommunicationException or OperationCanceledException or IOException or InvalidOperationException;

    [LoggerMessage(Level = LogLevel.Warning, Message = "A {Kind} message of device {DeviceId} could not be stored; its connection is closed unacknowledged so that it sends the message again")]
    private static partial void LogNotStored(ILogger logger, string deviceId, TopicKind kind);
}
