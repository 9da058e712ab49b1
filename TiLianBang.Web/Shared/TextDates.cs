using System.Text.RegularExpressions;

namespace TiLianBang.Web.Shared;

/// <summary>A date as the app writes it in running text: 2026-11-18, optionally with a time (2026-11-18 08:30).</summary>
public static partial class TextDates
{
    [GeneratedRegex(@"\d{4}-\d{2}-\d{2}(?: \d{2}:\d{2}(?::\d{2})?)?")]
    public static partial Regex Pattern();
}
