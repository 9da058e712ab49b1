namespace TiLianBang.Core.Parameters;

/// <summary>One parameter of the 8K specification: how a value read from a controller is named and checked.</summary>
public class ParameterSpec
{
    public int Id { get; set; }
    /// <summary>Function code as the controller names it, e.g. F0-03.</summary>
    public required string Code { get; set; }
    public required string Name { get; set; }
    public string? Unit { get; set; }
    public decimal? Minimum { get; set; }
    public decimal? Maximum { get; set; }
    public string? Description { get; set; }
    public int CategoryId { get; set; }
    public ParameterCategory? Category { get; set; }
}
