using TiLianBang.Core.Devices.Recording;
using TiLianBang.Core.Repairs;

namespace TiLianBang.Core.Health;

/// <summary>
/// The collector's own 困人 (code 11) settles an open suspicion of its elevator: the suspicion was right and its order
/// is the device's (raised by <see cref="RepairOrdersFromFaults"/> in the same transaction, registered before this).
/// </summary>
public sealed class EntrapmentFromDeviceEvents(EntrapmentDesk desk) : IStoredEventSubscriber
{
    public bool Wants(ElevatorEvent stored) => stored is { Raised: true, Code: RepairService.TrappedCode, ElevatorId: not null };

    public async Task HandleAsync(IReadOnlyList<ElevatorEvent> stored, CancellationToken cancellationToken)
    {
        foreach (var elevatorId in stored.Where(Wants).Select(e => e.ElevatorId!.Value).Distinct())
        {
            await desk.DeviceReportedTrappedAsync(elevatorId, cancellationToken);
        }
    }
}
