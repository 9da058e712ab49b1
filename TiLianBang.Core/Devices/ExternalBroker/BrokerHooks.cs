using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TiLianBang.Core.Devices.Pipeline;
using TiLianBang.Core.Devices.Protocol;

namespace TiLianBang.Core.Devices.ExternalBroker;

/// <summary>
/// The decisions an external broker (EMQX) asks for over HTTP: may this client connect, may it publish or subscribe
/// to this topic. Collectors get exactly the embedded broker's rules (<see cref="DeviceDirectory.Authenticate"/>,
/// <see cref="DeviceAcl"/>); the platform's own account is a superuser. Answers come from memory, never the database:
/// thousands of collectors reconnect at once after a network outage. Nothing is audit-logged per call; refusals are
/// counted on the device and logged at most once a minute, as the embedded broker does.
/// </summary>
public sealed partial class BrokerHooks(
    DeviceDirectory directory,
    DeviceMessageProcessor processor,
    IOptionsMonitor<ExternalBrokerOptions> options,
    TimeProvider clock,
    ILogger<BrokerHooks> logger)
{
    private readonly LogThrottle _connectRefusals = new(LogThrottle.PerDevice);

    /// <summary>CONNECT: (decision, superuser).</summary>
    public (BrokerDecision Decision, bool IsSuperuser) Authenticate(string clientId, string userName, string? password, string? peer)
    {
        if (IsPlatform(userName))
        {
            if (password is not null && SameText(password, options.CurrentValue.Password!))
            {
                return (BrokerDecision.Allow, true);
            }
            RefuseConnect(clientId, userName, "wrong password of the platform account", peer);
            return (BrokerDecision.Deny, false);
        }
        var result = directory.Authenticate(clientId, userName, password);
        switch (result)
        {
            case DeviceAuthentication.Accepted:
                return (BrokerDecision.Allow, false);
            case DeviceAuthentication.WrongSecret:
            case DeviceAuthentication.BadIdentity when directory.Find(userName) is not null:
                // One of our collectors, with a wrong secret or another client id than its own.
                RefuseConnect(clientId, userName, result.ToString(), peer);
                return (BrokerDecision.Deny, false);
            default:
                // Not a collector we know: EMQX's next authenticator, if any, may know it.
                RefuseConnect(clientId, userName, result.ToString(), peer);
                return (BrokerDecision.Ignore, false);
        }
    }

    /// <summary>PUBLISH or SUBSCRIBE: allow or deny, never ignore (EMQX's default for "no match" is to allow).</summary>
    public BrokerDecision Authorize(string clientId, string userName, BrokerAction action, string topic)
    {
        if (IsPlatform(userName))
        {
            return BrokerDecision.Allow;
        }
        if (clientId != userName || directory.Find(userName) is null)
        {
            return BrokerDecision.Deny;
        }
        var allowed = action == BrokerAction.Publish ? DeviceAcl.CanPublish(userName, topic) : DeviceAcl.CanSubscribe(userName, topic);
        if (!allowed)
        {
            processor.Refused(userName, $"{(action == BrokerAction.Publish ? "publish" : "subscribe")} to '{topic}'");
            return BrokerDecision.Deny;
        }
        return BrokerDecision.Allow;
    }

    /// <summary>Whether the hooks have a secret at all; without one every call is refused.</summary>
    public bool AcceptsHookSecret(string? presented)
    {
        var expected = options.CurrentValue.HookSecret;
        return !string.IsNullOrEmpty(expected) && presented is not null && SameText(presented, expected);
    }

    private bool IsPlatform(string userName) =>
        options.CurrentValue is { UserName: { Length: > 0 } platform, Password: { Length: > 0 } } && userName == platform;

    /// <summary>Constant time over the bytes, so the time taken says nothing about how much of a guess was right.</summary>
    private static bool SameText(string presented, string expected) =>
        CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(presented)), SHA256.HashData(Encoding.UTF8.GetBytes(expected)));

    private void RefuseConnect(string clientId, string userName, string reason, string? peer)
    {
        if (_connectRefusals.TryEnter(clock.GetUtcNow(), out var held))
        {
            // The ids are the caller's to choose, so they are cut short.
            LogConnectRefused(logger, Cut(clientId), Cut(userName), reason, Cut(peer), held);
        }
    }

    private static string? Cut(string? text) => text is { Length: > 64 } ? text[..64] + "…" : text;

    [LoggerMessage(Level = LogLevel.Warning, Message = "External broker: refused CONNECT of client '{ClientId}' user '{UserName}': {Reason} from {Peer} ({Held} more refused since the last line, logged at most once a minute)")]
    private static partial void LogConnectRefused(ILogger logger, string? clientId, string? userName, string reason, string? peer, long held);
}
