using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using TiLianBang.Core.Elevators;
using TiLianBang.Core.Video;
using TiLianBang.Web.Features.Video.Components;

namespace TiLianBang.Tests.Ui;

/// <summary>The 5G 视频救援 panel's states: a player per address, a clear message per camera without one, grid or large.</summary>
public sealed class CameraPanelTests
{
    private static BunitContext NewContext()
    {
        var ctx = new BunitContext();
        ctx.Services.AddMudServices();
        ctx.Services.AddLocalization(o => o.ResourcesPath = "Resources");
        ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        return ctx;
    }

    private static CameraFeed Playing(CameraPosition position, StreamKind kind = StreamKind.Hls, string? intercom = null) => new()
    {
        Position = position, Serial = "D100" + (int)position, Channel = 1, Kind = kind, Url = $"http://nvr/{(int)position}.m3u8", IntercomUrl = intercom,
    };

    private static readonly CameraFeed[] Mixed =
    [
        Playing(CameraPosition.Car, intercom: "http://nvr/1/whip"),
        CameraFeed.NotConfigured(CameraPosition.CarTop),
        new() { Position = CameraPosition.MachineRoom, Serial = "OFFLINE", Channel = 1, Failure = CameraFailure.ProviderError, Message = "萤石开放平台返回错误 20007：设备不在线" },
        new() { Position = CameraPosition.Pit, Serial = "D1004", Channel = 1, Failure = CameraFailure.Unreachable, Message = "无法连接萤石开放平台，请检查网络。" },
    ];

    [Fact]
    public async Task EachCameraSaysWhetherItPlaysOrWhyNot()
    {
        await using var ctx = NewContext();

        var panel = ctx.Render<CameraWall>(p => p.Add(w => w.Feeds, Mixed).Add(w => w.OnReload, () => { }));

        Assert.Equal("grid", panel.Find("[data-testid=camera-panel]").GetAttribute("data-layout"));
        Assert.Equal("loading", panel.Find("[data-testid=camera-1]").GetAttribute("data-state"));
        Assert.NotNull(panel.Find("[data-testid=camera-1] .tlb-camera-player"));
        var top = panel.Find("[data-testid=camera-2]");
        Assert.Equal("not-configured", top.GetAttribute("data-state"));
        Assert.Contains("未配置摄像头", top.TextContent, StringComparison.Ordinal);
        Assert.Empty(top.QuerySelectorAll("[data-testid=camera-retry]"));
        var room = panel.Find("[data-testid=camera-3]");
        Assert.Equal("error", room.GetAttribute("data-state"));
        Assert.Contains("设备不在线", room.TextContent, StringComparison.Ordinal);
        Assert.NotNull(room.QuerySelector("[data-testid=camera-retry]"));
        Assert.Contains("无法连接萤石开放平台", panel.Find("[data-testid=camera-4]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task APlayerThatReportsAFrameIsPlayingAndOneThatFailsOffersRetry()
    {
        await using var ctx = NewContext();
        var view = ctx.Render<CameraView>(p => p.Add(v => v.Feed, Playing(CameraPosition.Car, intercom: "http://nvr/1/whip")));
        Assert.Empty(view.FindAll("[data-testid=camera-intercom]"));

        await view.InvokeAsync(() => view.Instance.Playing());

        Assert.Equal("playing", view.Find("[data-testid=camera-1]").GetAttribute("data-state"));
        Assert.Empty(view.FindAll("[data-testid=camera-loading]"));
        Assert.NotNull(view.Find("[data-testid=camera-intercom]"));

        await view.InvokeAsync(() => view.Instance.Failed("unreachable"));

        Assert.Equal("error", view.Find("[data-testid=camera-1]").GetAttribute("data-state"));
        Assert.Contains("摄像头无法连接", view.Find("[data-testid=camera-message]").TextContent, StringComparison.Ordinal);
        view.Find("[data-testid=camera-retry]").Click();
        Assert.Equal("loading", view.Find("[data-testid=camera-1]").GetAttribute("data-state"));
    }

    [Fact]
    public async Task IntercomIsOfferedOnlyWhenTheProviderHasIt()
    {
        await using var ctx = NewContext();
        var view = ctx.Render<CameraView>(p => p.Add(v => v.Feed, Playing(CameraPosition.Car)));

        await view.InvokeAsync(() => view.Instance.Playing());

        Assert.Empty(view.FindAll("[data-testid=camera-intercom]"));
    }

    [Fact]
    public async Task OneCameraCanBeShownLargeAndSwitchedAndTheGridComesBack()
    {
        await using var ctx = NewContext();
        var feeds = Enum.GetValues<CameraPosition>().Select(p => Playing(p)).ToArray();
        var panel = ctx.Render<CameraWall>(p => p.Add(w => w.Feeds, feeds));
        Assert.Equal(4, panel.FindAll(".tlb-camera").Count);

        panel.Find("[data-testid=camera-3] [data-testid=camera-size]").Click();

        Assert.Equal("large", panel.Find("[data-testid=camera-panel]").GetAttribute("data-layout"));
        Assert.Single(panel.FindAll(".tlb-camera"));
        Assert.NotNull(panel.Find("[data-testid=camera-3].tlb-camera-large"));

        panel.Find("[data-testid=camera-switch-1]").Click();
        Assert.NotNull(panel.Find("[data-testid=camera-1].tlb-camera-large"));

        panel.Find("[data-testid=camera-grid]").Click();
        Assert.Equal("grid", panel.Find("[data-testid=camera-panel]").GetAttribute("data-layout"));
        Assert.Equal(4, panel.FindAll(".tlb-camera").Count);
    }

    [Fact]
    public async Task TheHeaderHoldsTheActionsItIsGiven()
    {
        await using var ctx = NewContext();

        var panel = ctx.Render<CameraWall>(p => p.Add(w => w.Feeds, Mixed).Add(w => w.Actions, "<button data-testid=\"rescue\">启动救援</button>"));

        Assert.NotNull(panel.Find(".tlb-cameras-head [data-testid=rescue]"));
        Assert.Contains("5G 视频救援", panel.Find(".tlb-cameras-head").TextContent, StringComparison.Ordinal);
    }
}
