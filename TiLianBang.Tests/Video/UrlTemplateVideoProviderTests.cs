using Microsoft.Extensions.Options;
using TiLianBang.Core.Elevators;
using TiLianBang.Core.Video;

namespace TiLianBang.Tests.Video;

public sealed class UrlTemplateVideoProviderTests
{
    private static UrlTemplateVideoProvider Provider(string template, StreamKind kind = StreamKind.Hls, string intercom = "") =>
        new(Options.Create(new VideoOptions { UrlTemplate = new UrlTemplateVideoOptions { Template = template, Kind = kind, IntercomTemplate = intercom } }));

    private static CameraRequest Camera(string serial = "E12345678", int channel = 2) =>
        new(17, CameraPosition.MachineRoom, new ElevatorCamera { Position = CameraPosition.MachineRoom, Serial = serial, Channel = channel });

    [Fact]
    public async Task PlaceholdersAreFilledFromTheCamera()
    {
        var feed = await Provider("http://nvr.local:8080/live/{serial}_{channel}/{elevatorId}-{position}.flv", StreamKind.Flv)
            .OpenAsync(Camera(), CancellationToken.None);

        Assert.True(feed.Playable);
        Assert.Equal(StreamKind.Flv, feed.Kind);
        Assert.Equal("http://nvr.local:8080/live/E12345678_2/17-3.flv", feed.Url);
        Assert.Equal(("E12345678", 2), (feed.Serial, feed.Channel));
        Assert.Null(feed.IntercomUrl);
    }

    [Fact]
    public async Task ASerialCannotBreakOutOfItsPlaceInTheAddress()
    {
        var feed = await Provider("https://media.example/{serial}/index.m3u8").OpenAsync(Camera("a/../b?x=1#y"), CancellationToken.None);

        Assert.Equal("https://media.example/a%2F..%2Fb%3Fx%3D1%23y/index.m3u8", feed.Url);
    }

    [Fact]
    public async Task IntercomIsOfferedOnlyWhenItsTemplateIsSet()
    {
        var feed = await Provider("http://m/{serial}/whep", StreamKind.Whep, "http://m/{serial}/whip").OpenAsync(Camera(), CancellationToken.None);

        Assert.Equal(StreamKind.Whep, feed.Kind);
        Assert.Equal("http://m/E12345678/whip", feed.IntercomUrl);
    }

    [Theory]
    [InlineData("")]
    [InlineData("rtsp://nvr/{serial}")]
    [InlineData("/relative/{serial}")]
    public async Task AMissingOrNonHttpTemplateIsAProviderError(string template)
    {
        var feed = await Provider(template).OpenAsync(Camera(), CancellationToken.None);

        Assert.False(feed.Playable);
        Assert.Equal(CameraFailure.ProviderError, feed.Failure);
        Assert.Equal("视频地址模板未配置或不是有效的 http(s) 地址。", feed.Message);
    }

    [Fact]
    public async Task APositionWithoutACameraIsNotConfigured()
    {
        var feed = await Provider("http://m/{serial}").OpenAsync(new CameraRequest(17, CameraPosition.Pit, null), CancellationToken.None);

        Assert.Equal(CameraFailure.NotConfigured, feed.Failure);
        Assert.Equal(CameraPosition.Pit, feed.Position);
    }
}
