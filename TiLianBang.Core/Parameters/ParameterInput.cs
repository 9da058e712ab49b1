namespace TiLianBang.Core.Parameters;

/// <summary>What a person enters for a parameter definition.</summary>
public sealed record ParameterInput
{
    public string Code { get; init; } = "";
    public string Name { get; init; } = "";
    public string? Unit { get; init; }
    public decimal? Minimum { get; init; }
    public decimal? Maximum { get; init; }
    public string? Description { get; init; }
    public int CategoryId { get; init; }
}
