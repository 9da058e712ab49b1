namespace TiLianBang.Core.Devices;

/// <summary>A newly registered collector and its secret, shown this once (only its hash is stored).</summary>
public sealed record RegisteredDevice(string DeviceId, string Secret);
