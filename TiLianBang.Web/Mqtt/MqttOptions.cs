using TiLianBang.Core.Devices.ExternalBroker;

namespace TiLianBang.Web.Mqtt;

/// <summary>
/// Configuration section <c>Mqtt</c>: the embedded broker's endpoints (DEV-1), or, with <see cref="Mode"/> =
/// External, the MQTT cluster this node is a client of (<see cref="External"/>).
/// </summary>
public sealed class MqttOptions
{
    public bool Enabled { get; set; } = true;

    /// <summary>Embedded (default): the broker runs in this process. External: the platform is a client of another broker.</summary>
    public MqttMode Mode { get; set; } = MqttMode.Embedded;

    public ExternalBrokerOptions External { get; set; } = new();

    /// <summary>Whether this process hosts the broker (its TCP/TLS listeners and the WebSocket path).</summary>
    public bool Embedded => Enabled && Mode == MqttMode.Embedded;

    /// <summary>Plain TCP port; 0 lets the OS choose (tests).</summary>
    public int Port { get; set; } = 1883;

    /// <summary>TLS port; off unless set together with <see cref="CertificatePath"/>.</summary>
    public int? TlsPort { get; set; }

    /// <summary>PFX file with the server certificate and its key.</summary>
    public string? CertificatePath { get; set; }
    public string? CertificatePassword { get; set; }

    /// <summary>
    /// How long a new connection may take to finish its TLS handshake and send CONNECT before it is closed; also
    /// MQTTnet's communication timeout.
    /// </summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The largest MQTT packet accepted, header included: a little above the protocol's 16 KiB payload limit, so
    /// that a payload just over it is still answered with a reason; a larger packet closes the connection.
    /// </summary>
    public int MaxPacketBytes { get; set; } = 20 * 1024;

    /// <summary>
    /// Connections from one address that have not yet sent their CONNECT packet; more are closed at once. Collectors
    /// behind one carrier NAT reconnect together, so it is generous; a real CONNECT takes milliseconds.
    /// </summary>
    public int MaxPendingConnectionsPerAddress { get; set; } = 256;

    /// <summary>Connections from anywhere that have not yet sent their CONNECT packet (the open-file limit is shared).</summary>
    public int MaxPendingConnections { get; set; } = 4096;

    /// <summary>
    /// The kernel's receive buffer of each collector connection. Small on purpose: a collector sends a few hundred
    /// bytes a second, and when the pipeline falls behind, what waits in this buffer is latency; a small one makes TCP
    /// push back on the sender instead of holding seconds of messages. 0 keeps the system's default.
    /// </summary>
    public int ReceiveBufferBytes { get; set; } = 16 * 1024;

    /// <summary>MQTT over WebSocket on the web port at this path; empty turns it off.</summary>
    public string? WebSocketPath { get; set; } = "/mqtt";
}

public enum MqttMode
{
    Embedded,
    External,
}
