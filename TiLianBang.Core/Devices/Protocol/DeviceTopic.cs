using System.Text.RegularExpressions;

namespace TiLianBang.Core.Devices.Protocol;

/// <summary>Topic names and device ids as PROTOCOL.md fixes them.</summary>
public static partial class DeviceTopic
{
    public const string Prefix = "tlb/";

    [GeneratedRegex("^[A-Za-z0-9_-]{4,64}$")]
    private static partial Regex DeviceIdPattern();

    public static bool IsValidDeviceId(string? id) => id is not null && DeviceIdPattern().IsMatch(id);

    public static string For(string deviceId, TopicKind kind) => $"{Prefix}{deviceId}/{Segment(kind)}";

    /// <summary>Splits <c>tlb/{id}/{kind}</c>; false for anything else, including unknown kinds and wildcards.</summary>
    public static bool TryParse(string topic, out string deviceId, out TopicKind kind)
    {
        deviceId = "";
        kind = default;
        if (!topic.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }
        var rest = topic.AsSpan(Prefix.Length);
        var slash = rest.IndexOf('/');
        if (slash <= 0 || rest[(slash + 1)..].Contains('/'))
        {
            return false;
        }
        TopicKind? parsed = rest[(slash + 1)..] switch
        {
            "state" => TopicKind.State,
            "event" => TopicKind.Event,
            "io" => TopicKind.Io,
            "stats" => TopicKind.Stats,
            "info" => TopicKind.Info,
            "reply" => TopicKind.Reply,
            "online" => TopicKind.Online,
            "cmd" => TopicKind.Command,
            _ => null,
        };
        var id = rest[..slash].ToString();
        if (parsed is null || !IsValidDeviceId(id))
        {
            return false;
        }
        deviceId = id;
        kind = parsed.Value;
        return true;
    }

    private static string Segment(TopicKind kind) => kind switch
    {
        TopicKind.State => "state",
        TopicKind.Event => "event",
        TopicKind.Io => "io",
        TopicKind.Stats => "stats",
        TopicKind.Info => "info",
        TopicKind.Reply => "reply",
        TopicKind.Online => "online",
        TopicKind.Command => "cmd",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };
}
