using System.Threading.Channels;

namespace TiLianBang.Core.Devices.Recording;

/// <summary>
/// What the message pipeline hands to the database writer. Bounded: if the database falls behind, publishers
/// wait (MQTT back-pressure) rather than memory growing or records being dropped. A record enqueued with
/// <see cref="EnqueueDurableAsync"/> comes with a task that completes once its batch has committed, which is
/// what a QoS 1 acknowledgement waits for.
/// </summary>
public sealed class DeviceRecordBuffer(int capacity)
{
    public const int DefaultCapacity = 100_000;

    public DeviceRecordBuffer() : this(DefaultCapacity)
    {
    }

    private readonly Channel<PendingRecord> _channel = Channel.CreateBounded<PendingRecord>(new BoundedChannelOptions(capacity)
    {
        SingleReader = true,
        FullMode = BoundedChannelFullMode.Wait,
    });

    internal ChannelReader<PendingRecord> Reader => _channel.Reader;

    /// <summary>Queues a record that nobody waits for (e.g. a state change of a QoS 0 message).</summary>
    public ValueTask EnqueueAsync(object record, CancellationToken cancellationToken) =>
        _channel.Writer.WriteAsync(new PendingRecord(record, null), cancellationToken);

    /// <summary>
    /// Queues a record; the returned task completes when it is committed, or fails when it could not be stored.
    /// </summary>
    public async ValueTask<Task> EnqueueDurableAsync(object record, CancellationToken cancellationToken)
    {
        var stored = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await _channel.Writer.WriteAsync(new PendingRecord(record, stored), cancellationToken);
        return stored.Task;
    }

    /// <summary>Completes once everything queued before the call is in the database and handled.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        var marker = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await _channel.Writer.WriteAsync(new PendingRecord(null, marker), cancellationToken);
        await marker.Task.WaitAsync(cancellationToken);
    }

    /// <summary>No more records: the writer drains what is queued and stops.</summary>
    internal void Complete() => _channel.Writer.TryComplete();

    /// <summary>A record and who waits for it; a null record is a flush marker.</summary>
    internal readonly record struct PendingRecord(object? Record, TaskCompletionSource? Stored);
}
