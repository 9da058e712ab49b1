namespace TiLianBang.Core.Devices.LiveState;

/// <summary>What a collector said about itself in its last <c>info</c> message.</summary>
public sealed record DeviceInfo(string? Firmware, string? Model, string? Imei, string? Iccid, int? Signal, int HeartbeatSeconds);
