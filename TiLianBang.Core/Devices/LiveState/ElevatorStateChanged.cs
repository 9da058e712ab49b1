namespace TiLianBang.Core.Devices.LiveState;

/// <summary>A new snapshot of one elevator, published to whoever watches it.</summary>
public sealed record ElevatorStateChanged(ElevatorLiveState State, ElevatorLiveState? Previous);
