namespace TiLianBang.Core.Devices.Recording;

/// <summary>
/// Told about device events once they are stored (never for duplicates), in the writer's DI scope acting as the
/// system. Repairs uses it to turn faults into repair orders.
/// </summary>
public interface IStoredEventSubscriber
{
    Task HandleAsync(IReadOnlyList<ElevatorEvent> stored, CancellationToken cancellationToken);
}
