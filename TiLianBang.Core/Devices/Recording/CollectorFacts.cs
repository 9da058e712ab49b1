using TiLianBang.Core.Devices.Protocol;

namespace TiLianBang.Core.Devices.Recording;

/// <summary>
/// What a collector said about itself (<c>info</c>) or where it connected from, on its way to the <see cref="Device"/>
/// row. Queued to the record writer like any record, so the message pipeline never touches the database; info and
/// connections are rare, state messages never make one.
/// </summary>
public sealed record CollectorFacts(string DeviceId, DateTime AtUtc)
{
    /// <summary>Device properties only the collector's own reports change; writing them is not an operator's act.</summary>
    public static readonly IReadOnlySet<string> Properties = new HashSet<string>(StringComparer.Ordinal)
    {
        nameof(Device.Imei), nameof(Device.Firmware), nameof(Device.Model), nameof(Device.Iccid), nameof(Device.Signal),
        nameof(Device.InfoReceivedAtUtc), nameof(Device.LastConnectedAtUtc), nameof(Device.LastDisconnectedAtUtc),
        nameof(Device.LastRemoteEndpoint), nameof(Device.LastServerNode),
    };

    /// <summary>CSQ reports 0–31; 99 means "not known", and anything else is not a reading.</summary>
    public const int MaxSignal = 31;

    public InfoReport? Info { get; init; }

    /// <summary>True for a connection, false for its end, null for an <c>info</c>.</summary>
    public bool? Connected { get; init; }

    public string? RemoteEndpoint { get; init; }
    public string? ServerNode { get; init; }

    /// <summary>
    /// Writes the facts onto the row, each cut to its column (the parser bounds them already; the row must hold
    /// whatever a later protocol version lets through). What the collector left out keeps its last value.
    /// </summary>
    public void ApplyTo(Device device)
    {
        if (Info is { } info)
        {
            device.Imei = Cut(info.Imei, 32) ?? device.Imei;
            device.Firmware = Cut(info.Firmware, 64) ?? device.Firmware;
            device.Model = Cut(info.Model, 64) ?? device.Model;
            device.Iccid = Cut(info.Iccid, 32) ?? device.Iccid;
            if (info.Signal is >= 0 and <= MaxSignal)
            {
                device.Signal = info.Signal;
            }
            device.InfoReceivedAtUtc = AtUtc;
        }
        switch (Connected)
        {
            case true:
                device.LastConnectedAtUtc = AtUtc;
                device.LastRemoteEndpoint = Cut(RemoteEndpoint, 64);
                device.LastServerNode = Cut(ServerNode, 64);
                break;
            case false:
                device.LastDisconnectedAtUtc = AtUtc;
                break;
        }
    }

    private static string? Cut(string? value, int length)
    {
        var text = value?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }
        return text.Length <= length ? text : text[..length];
    }
}
