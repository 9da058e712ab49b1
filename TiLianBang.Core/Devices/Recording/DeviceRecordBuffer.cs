using System.Threading.Channels;

namespace TiLianBang.Core.Devices.Recording;

/// <summary>
/// What the message pipeline hands to the database writer. Bounded: if the database falls behind, publishers
/// wait (MQTT back-pressure) rather than memory growing or records being dropped.
/// </summary>
public sealed class DeviceRecordBuffer
{
    public const int Capacity = 100_000;

    private readonly Channel<object> _channel = Channel.CreateBounded<object>(new BoundedChannelOptions(Capacity)
    {
        SingleReader = true,
        FullMode = BoundedChannelFullMode.Wait,
    });

    internal ChannelReader<object> Reader => _channel.Reader;

    public ValueTask EnqueueAsync(object record, CancellationToken cancellationToken) => _channel.Writer.WriteAsync(record, cancellationToken);

    /// <summary>Completes once everything queued before the call is in the database.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        var marker = new FlushMarker();
        await _channel.Writer.WriteAsync(marker, cancellationToken);
        await marker.Done.Task.WaitAsync(cancellationToken);
    }

    /// <summary>No more records: the writer drains what is queued and stops.</summary>
    internal void Complete() => _channel.Writer.TryComplete();

    internal sealed class FlushMarker
    {
        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
