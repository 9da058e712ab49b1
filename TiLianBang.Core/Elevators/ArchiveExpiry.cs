namespace TiLianBang.Core.Elevators;

/// <summary>What a dashboard expiry figure counts: the inspection date or the maintenance contract's end.</summary>
public enum ArchiveExpiry
{
    Inspection,
    Contract,
}
