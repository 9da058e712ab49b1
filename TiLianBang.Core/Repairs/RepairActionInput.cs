using TiLianBang.Core.Organizations;

namespace TiLianBang.Core.Repairs;

/// <summary>What comes with an action: where the person is (accept, sign-in), the processing report, a reason.</summary>
public sealed record RepairActionInput
{
    public GeoPoint? Position { get; init; }
    public string? Cause { get; init; }
    public string? ActionsTaken { get; init; }
    public string? FaultAttribute { get; init; }
    /// <summary>Cancel reason, review remark or a note.</summary>
    public string? Note { get; init; }
}
