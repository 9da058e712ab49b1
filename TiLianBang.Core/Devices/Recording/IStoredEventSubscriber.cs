namespace TiLianBang.Core.Devices.Recording;

/// <summary>
/// Told about device events once they are stored (never for duplicates), in the writer's DI scope acting as the
/// system. Repairs uses it to turn faults into repair orders.
/// </summary>
public interface IStoredEventSubscriber
{
    /// <summary>
    /// Whether this subscriber has anything to do for the event. An event no subscriber wants is stored as handled at
    /// once, so it costs its acknowledgement no second transaction.
    /// </summary>
    bool Wants(ElevatorEvent stored);

    Task HandleAsync(IReadOnlyList<ElevatorEvent> stored, CancellationToken cancellationToken);
}
