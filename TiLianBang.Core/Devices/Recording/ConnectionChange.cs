using TiLianBang.Core.Auditing;

namespace TiLianBang.Core.Devices.Recording;

/// <summary>A collector went online or offline, when and why.</summary>
public class ConnectionChange : INotAudited
{
    public long Id { get; set; }
    public required string DeviceId { get; set; }
    public int? ElevatorId { get; set; }
    public bool Online { get; set; }
    public ConnectionReason Reason { get; set; }
    public DateTime AtUtc { get; set; }
}

public enum ConnectionReason
{
    Connected = 0,
    /// <summary>It spoke again after being marked offline.</summary>
    MessageReceived = 1,
    Disconnected = 2,
    /// <summary>Its last will (<c>online</c> = 0) was delivered or it published 0 itself.</summary>
    LastWill = 3,
    HeartbeatTimeout = 4,
    /// <summary>The platform stopped (the broker went down with it).</summary>
    BrokerStopped = 5,
}
