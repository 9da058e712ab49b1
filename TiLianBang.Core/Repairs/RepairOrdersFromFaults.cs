using TiLianBang.Core.Devices.Recording;
using TiLianBang.Core.FaultCodes;

namespace TiLianBang.Core.Repairs;

/// <summary>REP-1: a stored fault whose code creates orders raises (or adds to) a repair order; a clear is noted on it.</summary>
public sealed class RepairOrdersFromFaults(RepairService repairs, FaultCodeCatalog codes) : IStoredEventSubscriber
{
    public bool Wants(ElevatorEvent stored) => stored.ElevatorId is not null && codes.Find(stored.Code).CreatesOrder;

    public async Task HandleAsync(IReadOnlyList<ElevatorEvent> stored, CancellationToken cancellationToken)
    {
        foreach (var e in stored.OrderBy(e => e.Id))
        {
            var code = codes.Find(e.Code);
            if (e.ElevatorId is not { } elevatorId || !code.CreatesOrder)
            {
                continue;
            }
            if (e.Raised)
            {
                var description = e.Floor is { } floor ? $"{code.Name}（第 {floor} 层站）" : code.Name;
                await repairs.RaiseFromFaultAsync(elevatorId, e.Code, code.PassengersTrapped, description, cancellationToken);
            }
            else
            {
                await repairs.FaultClearedAsync(elevatorId, e.Code, cancellationToken);
            }
        }
    }
}
