using System.Globalization;
using Microsoft.Extensions.Localization;

namespace TiLianBang.Web.Features.Repairs;

/// <summary>
/// How long an alarm has waited (已用时), in the reader's language: "3分05秒" / "1小时05分" in Chinese,
/// "3m 05s" / "1h 05m" in English. Seconds matter while a dispatcher watches a fresh alarm; after an hour they do not.
/// </summary>
public static class ElapsedTime
{
    // The localizer is named L so that the key check (EnglishResourceTests) sees these keys as it does in pages.
    public static string Format(TimeSpan span, IStringLocalizer L)
    {
        // A clock a moment behind the order's creation time is not a negative wait.
        if (span < TimeSpan.Zero)
        {
            span = TimeSpan.Zero;
        }
        return span.TotalHours >= 1
            ? string.Format(CultureInfo.CurrentCulture, L["{0}小时{1:D2}分"], (int)span.TotalHours, span.Minutes)
            : string.Format(CultureInfo.CurrentCulture, L["{0}分{1:D2}秒"], span.Minutes, span.Seconds);
    }
}
