namespace TiLianBang.Core.FaultCodes;

public enum FaultSeverity
{
    /// <summary>一般</summary>
    Normal = 0,
    /// <summary>严重</summary>
    Serious = 1,
    /// <summary>紧急: critical faults escalate (REP-4).</summary>
    Critical = 2,
}
