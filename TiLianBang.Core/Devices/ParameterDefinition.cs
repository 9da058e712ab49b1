namespace TiLianBang.Core.Devices;

/// <summary>One controller parameter of the 8K specification: how to show a value read from the device.</summary>
public sealed record ParameterDefinition(string Code, string Category, string Name, string? Unit);
