namespace TiLianBang.Core.Monitoring;

/// <summary>电梯参数 as last read from the controller; <see cref="ReadAt"/> null when nobody has read them since start-up.</summary>
public sealed record ParameterReading(DateTimeOffset? ReadAt, IReadOnlyList<ParameterReadValue> Values)
{
    public static readonly ParameterReading None = new(null, []);
}

/// <summary>One value with its 8K specification's name and unit; both null for a code the specification does not define.</summary>
public sealed record ParameterReadValue(string Code, string? Name, string Value, string? Unit);
