namespace TiLianBang.Core.Devices.Pipeline;

/// <summary>A message as it arrived (for device debugging, DEV-5), with why it was rejected if it was.</summary>
public sealed record RawMessage(DateTimeOffset At, string Topic, string Payload, string? Rejection);
