namespace TiLianBang.Core.Health;

/// <summary>The metrics whose drift from an elevator's own baseline raises a health warning.</summary>
public enum HealthMetric
{
    /// <summary>关门时间 (ms, mean).</summary>
    DoorClosingTime = 0,
    /// <summary>开门时间 (ms, mean).</summary>
    DoorOpeningTime = 1,
    /// <summary>重开门 per 100 door cycles.</summary>
    Reopenings = 2,
    /// <summary>门区外停梯 per 100 stops.</summary>
    StopsOutsideZone = 3,
}
