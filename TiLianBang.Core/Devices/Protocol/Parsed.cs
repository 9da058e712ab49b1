namespace TiLianBang.Core.Devices.Protocol;

/// <summary>A parsed device message, or why it was rejected (for the log and the device's diagnostics).</summary>
public readonly record struct Parsed<T>(T? Value, string? Error) where T : class
{
    public bool IsValid => Error is null;
}
