namespace TiLianBang.Core.Devices.ExternalBroker;

/// <summary>
/// Configuration section <c>Mqtt:External</c>: the broker (EMQX, Mosquitto …) the platform connects to when
/// <c>Mqtt:Mode</c> is External, the platform's own account there, and the shared secret an EMQX cluster sends to
/// the HTTP authentication and authorization hooks.
/// </summary>
public sealed class ExternalBrokerOptions
{
    public const string Section = "Mqtt:External";

    public const string HookSecretHeader = "X-TiLianBang-Hook-Secret";

    public string Host { get; set; } = "localhost";

    public int Port { get; set; } = 1883;

    /// <summary>The platform's account on the broker: allowed everything it needs (shared subscriptions, commands, the cluster topic).</summary>
    public string? UserName { get; set; }

    public string? Password { get; set; }

    public bool UseTls { get; set; }

    /// <summary>The shared-subscription group: every node of one installation uses the same, so each message reaches one of them.</summary>
    public string SharedGroup { get; set; } = "tilianbang";

    /// <summary>Sent by EMQX in the <see cref="HookSecretHeader"/> header; without it the hooks answer 401 to everyone.</summary>
    public string? HookSecret { get; set; }

    /// <summary>The first reconnect waits this long, doubling up to <see cref="MaxReconnectDelay"/>.</summary>
    public TimeSpan ReconnectDelay { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxReconnectDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The topic prefix of the platform nodes' own messages; devices can never publish there (ACL).</summary>
    public string ClusterTopic { get; set; } = "tilianbang/cluster";
}
