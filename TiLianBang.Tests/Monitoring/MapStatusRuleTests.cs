using TiLianBang.Core.Monitoring;

namespace TiLianBang.Tests.Monitoring;

/// <summary>The map's four colours come from the one worst-status rule, folded.</summary>
public sealed class MapStatusRuleTests
{
    [Theory]
    [InlineData(new[] { ElevatorStatus.Normal, ElevatorStatus.Running, ElevatorStatus.Inspection }, MapStatus.Normal)]
    [InlineData(new[] { ElevatorStatus.Running, ElevatorStatus.Offline }, MapStatus.Offline)]
    [InlineData(new[] { ElevatorStatus.Offline, ElevatorStatus.Fault, ElevatorStatus.Normal }, MapStatus.Fault)]
    [InlineData(new[] { ElevatorStatus.Fault, ElevatorStatus.Trapped, ElevatorStatus.Offline }, MapStatus.Trapped)]
    [InlineData(new ElevatorStatus[0], MapStatus.Offline)]
    public void APlaceShowsItsWorstCar(ElevatorStatus[] cars, MapStatus expected) =>
        Assert.Equal(expected, MapStatusRule.Worst(cars));
}
