namespace TiLianBang.Core.Elevators;

/// <summary>The editable basic parameters (电梯基本参数) of an elevator; the full archive editor is ARC-1.</summary>
public sealed record ElevatorBasics
{
    public required string Name { get; init; }
    public string? Brand { get; init; }
    public string? Model { get; init; }
    public int Floors { get; init; }
    public decimal RatedSpeed { get; init; }
    public int RatedLoad { get; init; }
    public DateOnly? NextInspectionDate { get; init; }
}
