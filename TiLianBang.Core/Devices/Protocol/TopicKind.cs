namespace TiLianBang.Core.Devices.Protocol;

/// <summary>The last segment of a device topic <c>tlb/{id}/{kind}</c> (PROTOCOL.md).</summary>
public enum TopicKind
{
    State,
    Event,
    Io,
    Stats,
    Info,
    Reply,
    Online,
    /// <summary>Platform → device; the only topic a device may subscribe to.</summary>
    Command,
}
