using Microsoft.Extensions.Options;
using TiLianBang.Core.Video;
using TiLianBang.Web.Features.Video;

namespace TiLianBang.Tests.Video;

public sealed class DemoStreamLimiterTests
{
    private static DemoStreamLimiter Limiter(int perUser, int total) =>
        new(Options.Create(new VideoOptions { Demo = new DemoVideoOptions { MaxStreamsPerUser = perUser, MaxStreams = total } }));

    [Fact]
    public void AnAccountGetsNoMoreStreamsThanItsShareAndGetsThemBackWhenTheyEnd()
    {
        var limiter = Limiter(perUser: 2, total: 10);
        using var first = limiter.TryAcquire("7");
        var second = limiter.TryAcquire("7");
        var third = limiter.TryAcquire("7");
        using var someoneElse = limiter.TryAcquire("8");

        Assert.NotNull(first);
        Assert.NotNull(second);
        Assert.Null(third);
        Assert.NotNull(someoneElse);

        second!.Dispose();
        second.Dispose();
        using var again = limiter.TryAcquire("7");
        Assert.NotNull(again);
        Assert.Equal(3, limiter.Active);
    }

    [Fact]
    public void TheProcessDrawsNoMoreStreamsThanItsLimit()
    {
        var limiter = Limiter(perUser: 5, total: 2);
        using var a = limiter.TryAcquire("1");
        using var b = limiter.TryAcquire("2");

        Assert.Null(limiter.TryAcquire("3"));
    }
}
