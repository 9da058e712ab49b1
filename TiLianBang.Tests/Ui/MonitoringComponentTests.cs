using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using TiLianBang.Core.Devices.LiveState;
using TiLianBang.Core.Devices.Protocol;
using TiLianBang.Core.Elevators;
using TiLianBang.Core.Organizations;
using TiLianBang.Web.Features.Monitoring.Components;

namespace TiLianBang.Tests.Ui;

/// <summary>The tile and the shaft show what the live state says, and follow it when it changes.</summary>
public sealed class MonitoringComponentTests
{
    private static readonly ElevatorSummary Elevator = new(
        7, "CQ0007", "南坪·南山郡 1栋1单元", null, 1, "南坪·南山郡", new Region { Province = "重庆市", District = "南岸区" },
        null, null, "通力", 12, null);

    private static readonly FloorMap Basements = FloorMap.WithBasements(2, 12);

    private static ElevatorLiveState State(int floor, bool running = false, CarDirection direction = CarDirection.None,
        DoorState door = DoorState.Closed, bool online = true, params int[] faults) => new()
    {
        ElevatorId = 7,
        DeviceId = "dev-7",
        Online = online,
        HasState = true,
        Mode = ServiceMode.Normal,
        Running = running,
        Direction = direction,
        Floor = floor,
        FloorLabel = Basements.Label(floor),
        Door = door,
        PassengerInCar = true,
        ActiveFaults = [.. faults],
    };

    private static BunitContext NewContext()
    {
        var ctx = new BunitContext();
        ctx.Services.AddMudServices();
        ctx.Services.AddLocalization(o => o.ResourcesPath = "Resources");
        ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        return ctx;
    }

    [Fact]
    public async Task TileShowsFloorLabelDirectionDoorAndFaultAndFollowsChanges()
    {
        await using var ctx = NewContext();
        var tile = ctx.Render<ElevatorTile>(p => p.Add(t => t.Elevator, Elevator).Add(t => t.State, State(1, running: true, direction: CarDirection.Up)));

        Assert.Equal("B2", tile.Find("[data-testid=tile-floor]").TextContent);
        Assert.Equal("Up", tile.Find("[data-testid=tile-direction]").GetAttribute("data-direction"));
        Assert.Equal("门关", tile.Find("[data-testid=tile-door]").TextContent);
        Assert.Empty(tile.FindAll("[data-testid=tile-fault]"));

        tile.Render(p => p.Add(t => t.State, State(5, door: DoorState.Open, faults: 2)));

        Assert.Equal("3", tile.Find("[data-testid=tile-floor]").TextContent);
        Assert.Equal("None", tile.Find("[data-testid=tile-direction]").GetAttribute("data-direction"));
        Assert.Equal("门开", tile.Find("[data-testid=tile-door]").TextContent);
        Assert.NotNull(tile.Find("[data-testid=tile-fault]"));
    }

    [Fact]
    public async Task TileOfAnElevatorNeverHeardFromIsOffline()
    {
        await using var ctx = NewContext();

        var tile = ctx.Render<ElevatorTile>(p => p.Add(t => t.Elevator, Elevator).Add(t => t.State, null));

        Assert.NotNull(tile.Find("[data-testid=tile-offline]"));
        Assert.Contains("tlb-tile-offline", tile.Find("a").ClassList);
        Assert.Empty(tile.FindAll("[data-testid=tile-floor]"));
    }

    [Fact]
    public async Task TrappedPassengersStandOutOnTheTile()
    {
        await using var ctx = NewContext();

        var tile = ctx.Render<ElevatorTile>(p => p.Add(t => t.Elevator, Elevator).Add(t => t.State, State(4, faults: 11)));

        Assert.Equal("困人", tile.Find("[data-testid=tile-trapped]").TextContent.Trim());
        Assert.Contains("tlb-tile-trapped", tile.Find("a").ClassList);
    }

    [Theory]
    [InlineData(false, ServiceMode.Normal, "Normal")]
    [InlineData(true, ServiceMode.Normal, "Running")]
    [InlineData(false, ServiceMode.Inspection, "Inspection")]
    public async Task TileAndShaftWearTheElevatorsStatusColour(bool running, ServiceMode mode, string status)
    {
        await using var ctx = NewContext();
        var state = State(4, running: running, direction: running ? CarDirection.Up : CarDirection.None) with { Mode = mode };

        var tile = ctx.Render<ElevatorTile>(p => p.Add(t => t.Elevator, Elevator).Add(t => t.State, state));
        var shaft = ctx.Render<ElevatorShaft>(p => p.Add(s => s.Landings, 12).Add(s => s.State, state));

        var css = status.ToLowerInvariant();
        Assert.Equal(status, tile.Find("a").GetAttribute("data-status"));
        Assert.Contains($"tlb-tile-{css}", tile.Find("a").ClassList);
        Assert.Equal(status, tile.Find("[data-testid=status-chip]").GetAttribute("data-status"));
        Assert.Contains($"tlb-car-{css}", shaft.Find(".tlb-car-body").ClassList);
        Assert.Equal(status, shaft.Find("[data-testid=status-chip]").GetAttribute("data-status"));
    }

    [Fact]
    public async Task ShaftPutsTheCarAtTheReportedLandingAndOpensItsDoors()
    {
        await using var ctx = NewContext();
        var shaft = ctx.Render<ElevatorShaft>(p => p.Add(s => s.Landings, 12).Add(s => s.FloorMap, Basements).Add(s => s.State, State(12)));
        var top = shaft.Find("[data-testid=shaft-car]").GetAttribute("style");

        shaft.Render(p => p.Add(s => s.State, State(3, running: true, direction: CarDirection.Down, door: DoorState.Open)));

        var car = shaft.Find("[data-testid=shaft-car]");
        Assert.Equal("1", car.GetAttribute("data-floor"));
        Assert.Equal("open", car.GetAttribute("data-door"));
        Assert.NotEqual(top, car.GetAttribute("style"));
        Assert.Matches(@"translateY\(\d+(\.\d+)?px\)", car.GetAttribute("style"));
        Assert.Equal("Down", shaft.Find("[data-testid=shaft-direction]").GetAttribute("data-direction"));
        Assert.Equal("1", shaft.Find("[data-testid=shaft-floor]").TextContent);
        Assert.NotNull(shaft.Find("[data-testid=shaft-passenger]"));
        Assert.Equal(["B2", "B1", "1", "2"], shaft.FindAll("text").Select(t => t.TextContent).Take(4));
    }

    [Fact]
    public async Task ShaftShowsOfflineAndFaultClearly()
    {
        await using var ctx = NewContext();

        var shaft = ctx.Render<ElevatorShaft>(p => p.Add(s => s.Landings, 12).Add(s => s.State, State(6, online: false, faults: 3)));

        Assert.NotNull(shaft.Find("[data-testid=shaft-offline]"));
        Assert.NotNull(shaft.Find("[data-testid=shaft-fault]"));
        Assert.Contains("tlb-car-offline", shaft.Find(".tlb-car-body").ClassList);
    }
}
