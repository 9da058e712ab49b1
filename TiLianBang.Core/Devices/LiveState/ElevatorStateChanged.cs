namespace TiLianBang.Core.Devices.LiveState;

/// <summary>A new snapshot of one elevator, published to whoever watches it.</summary>
public sealed record ElevatorStateChanged(ElevatorLiveState State, ElevatorLiveState? Previous)
{
    /// <summary>
    /// The snapshot's logical clock (Lamport) and the node that made it: with several nodes, a snapshot from another
    /// node replaces this node's only when it is newer, so every node ends on the same one.
    /// </summary>
    public long Version { get; init; }

    public string Node { get; init; } = "";

    /// <summary>Made on another node and applied here (the cluster bus does not send it back).</summary>
    public bool FromPeer { get; init; }
}
