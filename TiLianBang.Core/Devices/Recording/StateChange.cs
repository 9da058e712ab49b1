using TiLianBang.Core.Auditing;
using TiLianBang.Core.Devices.Protocol;

namespace TiLianBang.Core.Devices.Recording;

/// <summary>
/// The state history kept for running statistics: a row each time the service mode or running/stopped changes
/// (a trip starts or ends), not one per message.
/// </summary>
public class StateChange : INotAudited
{
    public long Id { get; set; }
    public int ElevatorId { get; set; }
    public required string DeviceId { get; set; }
    public ServiceMode Mode { get; set; }
    public bool Running { get; set; }
    public CarDirection Direction { get; set; }
    public int Floor { get; set; }
    public DateTime AtUtc { get; set; }
}
