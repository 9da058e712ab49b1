namespace TiLianBang.Core.Devices.Protocol;

/// <summary>
/// What a collector may do on a broker, in one place for every broker: the embedded one checks each PUBLISH and
/// SUBSCRIBE with it, EMQX asks it through the HTTP authorization hook, and the Mosquitto ACL file is written from
/// it. A collector publishes only to its own data topics and subscribes only to its own command topic.
/// </summary>
public static class DeviceAcl
{
    /// <summary>The topics a collector publishes to (<c>tlb/{id}/{kind}</c>); every kind except the command.</summary>
    public static IReadOnlyList<TopicKind> PublishedKinds { get; } =
        [TopicKind.State, TopicKind.Event, TopicKind.Io, TopicKind.Stats, TopicKind.Info, TopicKind.Reply, TopicKind.Online];

    /// <summary>True when <paramref name="deviceId"/> may publish to <paramref name="topic"/>; then <paramref name="kind"/> says which.</summary>
    public static bool TryAuthorizePublish(string deviceId, string topic, out TopicKind kind) =>
        DeviceTopic.TryParse(topic, out var owner, out kind) && owner == deviceId && kind != TopicKind.Command;

    public static bool CanPublish(string deviceId, string topic) => TryAuthorizePublish(deviceId, topic, out _);

    /// <summary>Only its own command topic, literally: no wildcard, no shared subscription, nobody else's.</summary>
    public static bool CanSubscribe(string deviceId, string topicFilter) =>
        DeviceTopic.IsValidDeviceId(deviceId) && topicFilter == DeviceTopic.For(deviceId, TopicKind.Command);
}
