using System.Collections.Immutable;
using TiLianBang.Core.Devices.Protocol;

namespace TiLianBang.Core.Devices.LiveState;

/// <summary>
/// One elevator as its collector last described it. Immutable: every change makes a new snapshot, so pages can
/// hold one without locks while the pipeline moves on.
/// </summary>
public sealed record ElevatorLiveState
{
    public required int ElevatorId { get; init; }
    public required string DeviceId { get; init; }

    public bool Online { get; init; }
    public DateTimeOffset? OnlineSince { get; init; }
    public DateTimeOffset? OfflineSince { get; init; }
    public DateTimeOffset? LastSeen { get; init; }

    /// <summary>False until the first state message after start-up: the fields below are then unknown.</summary>
    public bool HasState { get; init; }
    public ServiceMode Mode { get; init; } = ServiceMode.Unknown;
    public bool Running { get; init; }
    public CarDirection Direction { get; init; }
    public int Floor { get; init; }
    public string FloorLabel { get; init; } = "";
    public DoorState Door { get; init; }
    public bool? InDoorZone { get; init; }
    public bool? PassengerInCar { get; init; }
    public double? LoadPercent { get; init; }
    public double? Speed { get; init; }
    public CallSet Calls { get; init; } = CallSet.None;
    public long? Sequence { get; init; }
    /// <summary>When the platform received the state.</summary>
    public DateTimeOffset? StateAt { get; init; }
    /// <summary>The device clock's <c>ts</c> of that state, when it sent one.</summary>
    public DateTimeOffset? StateDeviceTime { get; init; }

    public IReadOnlyList<bool> Inputs { get; init; } = [];
    public IReadOnlyList<bool> Outputs { get; init; } = [];
    public DateTimeOffset? IoAt { get; init; }

    public RunCounters? Counters { get; init; }
    public DeviceInfo? Info { get; init; }

    /// <summary>Fault and alarm codes raised and not yet cleared.</summary>
    public ImmutableSortedSet<int> ActiveFaults { get; init; } = [];

    public bool HasFault => !ActiveFaults.IsEmpty;
    public bool PassengersTrapped => ActiveFaults.Contains(DefaultFaultCodes.PassengersTrapped);
}
