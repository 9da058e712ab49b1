namespace TiLianBang.Core.Maintenance;

/// <summary>When a visit is due and why, in words shown on the order.</summary>
public sealed record DueDecision(DateOnly DueOn, string Reason);
