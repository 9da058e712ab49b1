using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using TiLianBang.Web;
using TiLianBang.Web.Features.Repairs;

namespace TiLianBang.Tests.Ui;

/// <summary>已用时 reads in the reader's language: minutes and seconds while fresh, hours and minutes after an hour.</summary>
public sealed class ElapsedTimeTests
{
    private static string Format(TimeSpan span, string culture)
    {
        var before = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
        try
        {
            using var services = new ServiceCollection().AddLogging().AddLocalization(o => o.ResourcesPath = "Resources").BuildServiceProvider();
            return ElapsedTime.Format(span, services.GetRequiredService<IStringLocalizer<SharedResource>>());
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }

    [Theory]
    [InlineData(0, "0分00秒", "0m 00s")]
    [InlineData(185, "3分05秒", "3m 05s")]
    [InlineData(3600 + 5 * 60 + 59, "1小时05分", "1h 05m")]
    [InlineData(27 * 3600 + 30 * 60, "27小时30分", "27h 30m")]
    public void ElapsedTimeReadsInChineseAndEnglish(int seconds, string chinese, string english)
    {
        Assert.Equal(chinese, Format(TimeSpan.FromSeconds(seconds), "zh-CN"));
        Assert.Equal(english, Format(TimeSpan.FromSeconds(seconds), "en"));
    }

    [Fact]
    public void AClockAMomentBehindTheAlarmShowsNoNegativeTime() =>
        Assert.Equal("0分00秒", Format(TimeSpan.FromSeconds(-3), "zh-CN"));
}
