namespace TiLianBang.Core.Repairs;

/// <summary>One level of an elevator's 5级上报 and whom it would reach right now (the 5级上报 tab's preview).</summary>
public sealed record EscalationReach(int Level, EscalationTarget Target, int AfterMinutes, IReadOnlyList<EscalationContact> Contacts)
{
    /// <summary>A configuration problem: when this level is due, nobody would hear of the passengers.</summary>
    public bool ReachesNobody => Contacts.Count == 0;
}
