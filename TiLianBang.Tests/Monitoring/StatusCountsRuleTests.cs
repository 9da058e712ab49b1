using System.Collections.Immutable;
using TiLianBang.Core.Devices;
using TiLianBang.Core.Devices.LiveState;
using TiLianBang.Core.Devices.Protocol;
using TiLianBang.Core.Monitoring;

namespace TiLianBang.Tests.Monitoring;

/// <summary>The one counting rule of 区域监控 that the page, the REST API and the live socket share.</summary>
public sealed class StatusCountsRuleTests
{
    private static ElevatorLiveState State(int id, bool online, bool running = false, ServiceMode mode = ServiceMode.Normal, params int[] faults) =>
        new()
        {
            ElevatorId = id,
            DeviceId = $"dev{id}",
            Online = online,
            HasState = true,
            Running = running,
            Mode = mode,
            ActiveFaults = [.. faults],
        };

    [Fact]
    public void EachElevatorCountsInEveryCategoryItBelongsTo()
    {
        var counts = StatusCounts.Count(
        [
            null,                                                            // never heard from: offline
            State(1, online: false, running: true),                           // offline: its last run does not count
            State(2, online: true),
            State(3, online: true, running: true),
            State(4, online: true, mode: ServiceMode.Inspection),
            State(5, online: false, mode: ServiceMode.Inspection, faults: 2),  // offline inspection is not counted, its fault is
            State(6, online: true, faults: DefaultFaultCodes.PassengersTrapped),
        ]);

        Assert.Equal(new StatusCounts(All: 7, Online: 4, Offline: 3, Running: 1, Fault: 2, Inspection: 1, Trapped: 1), counts);
    }

    [Fact]
    public void NoElevatorsCountNothing() => Assert.Equal(StatusCounts.None, StatusCounts.Count([]));
}
