namespace TiLianBang.Core.Elevators;

/// <summary>One entry of 部件列表: a major component as installed (主机, 控制柜, 门机, 限速器 …).</summary>
public sealed record ElevatorComponent
{
    public required string Name { get; init; }
    public string? Model { get; init; }
    public string? Manufacturer { get; init; }
    public DateOnly? InstallDate { get; init; }
}
