namespace TiLianBang.Core.Devices.Recording;

/// <summary>运行统计 of one period (day, week or month starting at <see cref="Start"/>).</summary>
public sealed record RunningPeriod(DateOnly Start, long Runs, double RunHours, long DoorCycles, int Faults);

public enum StatisticsGrouping
{
    Day,
    Week,
    Month,
}
