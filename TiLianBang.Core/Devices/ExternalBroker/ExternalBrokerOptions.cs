namespace TiLianBang.Core.Devices.ExternalBroker;

/// <summary>
/// The credentials part of the configuration section <c>Mqtt:External</c> (the external broker's other settings,
/// host and port among them, belong to the platform's MQTT client): the platform's own broker account, and the
/// shared secret an EMQX cluster sends to the HTTP authentication and authorization hooks.
/// </summary>
public sealed class ExternalBrokerOptions
{
    public const string Section = "Mqtt:External";

    /// <summary>The platform's account on the broker: allowed everything it needs (shared subscriptions, commands).</summary>
    public string? UserName { get; set; }

    public string? Password { get; set; }

    /// <summary>Sent by EMQX in the <see cref="HookSecretHeader"/> header; without it the hooks answer 401 to everyone.</summary>
    public string? HookSecret { get; set; }

    public const string HookSecretHeader = "X-TiLianBang-Hook-Secret";
}
