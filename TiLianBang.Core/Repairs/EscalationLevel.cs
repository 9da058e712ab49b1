namespace TiLianBang.Core.Repairs;

/// <summary>One level of an elevator's 5级上报: whom to tell, after how many minutes without arrival.</summary>
public class EscalationLevel
{
    public int Id { get; set; }
    public int ElevatorId { get; set; }
    /// <summary>1 to 5.</summary>
    public int Level { get; set; }
    public EscalationTarget Target { get; set; }
    public int AfterMinutes { get; set; }
}
