namespace TiLianBang.Core.Devices.ExternalBroker;

/// <summary>
/// An EMQX hook's verdict. <see cref="Ignore"/> means "not one of ours": EMQX asks the next authenticator of its
/// chain, and refuses the client when none is left.
/// </summary>
public enum BrokerDecision
{
    Allow,
    Deny,
    Ignore,
}

/// <summary>What an external broker may let a client do, after the hooks' checks.</summary>
public enum BrokerAction
{
    Publish,
    Subscribe,
}
