using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using TiLianBang.Core.Devices.LiveState;
using TiLianBang.Core.Devices.Protocol;
using TiLianBang.Core.Devices;
using TiLianBang.Core.Monitoring;
using TiLianBang.Core.Organizations;
using TiLianBang.Web.Features.Monitoring.Components;

namespace TiLianBang.Tests.Ui;

/// <summary>地图监控's panel: the place's colour is its worst car, each car shows its own status, the most urgent first.</summary>
public sealed class MapMonitoringComponentTests
{
    private static readonly MapPlace Place = new(3, "南坪·南山郡", "南岸区", "重庆市南岸区南城大道 199 号", new GeoPoint(29.527, 106.572),
    [
        new MapElevator(11, "CQ0011", "1栋1单元", 3),
        new MapElevator(12, "CQ0012", "1栋2单元", 3),
        new MapElevator(13, "CQ0013", "2栋1单元", 3),
        new MapElevator(14, "CQ0014", "2栋2单元", 3),
    ]);

    private static ElevatorLiveState State(int id, bool online = true, bool running = false, params int[] faults) => new()
    {
        ElevatorId = id,
        DeviceId = $"dev-{id}",
        Online = online,
        HasState = true,
        Mode = ServiceMode.Normal,
        Running = running,
        Floor = 1,
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

    private static IRenderedComponent<MapPlacePanel> Render(BunitContext ctx, Dictionary<int, ElevatorLiveState> states) =>
        ctx.Render<MapPlacePanel>(p => p.Add(c => c.Place, Place).Add(c => c.StateOf, id => states.GetValueOrDefault(id)));

    [Fact]
    public async Task APlaceWithTrappedPassengersIsRedAndListsTheTrappedCarFirst()
    {
        await using var ctx = NewContext();
        // 11 runs, 12 has a door fault, 13 has passengers trapped, 14 was never heard from.
        var panel = Render(ctx, new()
        {
            [11] = State(11, running: true),
            [12] = State(12, faults: 2),
            [13] = State(13, faults: DefaultFaultCodes.PassengersTrapped),
        });

        var marker = panel.Find("[data-testid=place-status]");
        Assert.Equal("Trapped", marker.GetAttribute("data-status"));
        Assert.Contains("tlb-map-status-trapped", marker.ClassList);
        var cars = panel.FindAll("[data-testid=place-elevator]");
        Assert.Equal(["CQ0013", "CQ0012", "CQ0014", "CQ0011"], cars.Select(c => c.GetAttribute("data-elevator")));
        Assert.Equal(["Trapped", "Fault", "Offline", "Running"], cars.Select(c => c.GetAttribute("data-status")));
        Assert.Equal("/monitor/elevators/13", cars[0].GetAttribute("href"));
        Assert.Contains("tlb-status-trapped", cars[0].QuerySelector(".tlb-status")!.ClassList);
        Assert.Contains("4 台电梯", panel.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunningAndInspectionCountAsNormalOnTheMapButOfflineDoesNot()
    {
        await using var ctx = NewContext();
        var inspection = State(12) with { Mode = ServiceMode.Inspection };
        var allOnline = Render(ctx, new() { [11] = State(11, running: true), [12] = inspection, [13] = State(13), [14] = State(14) });
        Assert.Equal("Normal", allOnline.Find("[data-testid=place-status]").GetAttribute("data-status"));
        Assert.Contains("tlb-map-status-normal", allOnline.Find("[data-testid=place-status]").ClassList);

        var oneOffline = Render(ctx, new() { [11] = State(11, running: true), [12] = inspection, [13] = State(13), [14] = State(14, online: false) });
        Assert.Equal("Offline", oneOffline.Find("[data-testid=place-status]").GetAttribute("data-status"));

        var fault = Render(ctx, new() { [11] = State(11, online: false), [12] = State(12, faults: 5), [13] = State(13), [14] = State(14) });
        Assert.Equal("Fault", fault.Find("[data-testid=place-status]").GetAttribute("data-status"));
        Assert.Contains("tlb-map-status-fault", fault.Find("[data-testid=place-status]").ClassList);
    }
}
