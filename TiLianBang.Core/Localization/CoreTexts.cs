using System.Collections.Frozen;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace TiLianBang.Core.Localization;

/// <summary>
/// English for the texts Core composes for people. Core writes Chinese, as the Web writes <c>L["中文"]</c>, and this
/// catalog is keyed the same way: by the Chinese template with numbered holes ("电梯 {0} 不存在或无权查看。" →
/// "Elevator {0} does not exist or is not visible to you."). Keyed by text rather than by error code because one code
/// has several texts (<c>elevator.not_found</c> for one elevator or for a selection) and field messages have no code;
/// codes stay what clients match on.
/// <list type="bullet">
/// <item>Errors: <see cref="Common.DomainException"/> takes a <see cref="LocalizedText"/> (an interpolated string converts
/// to it: template and arguments) and renders it in the reader's culture when read; a
/// <see cref="Common.ValidationException"/>'s field messages are recognised as templates when read (see stored texts).
/// The Web renders problem details in the request's culture (culture cookie, or the account's language claim).</item>
/// <item>Stored texts (a repair's description and timeline notes, a maintenance order's 依据): stored as the Chinese
/// rendering, so search, exports, SMS and every row written before this catalog keep working; <see cref="Show(string?)"/>
/// recognises a stored text as one of the templates below and renders its English, and shows any other text (a person's
/// own words, an unknown old row) as stored.</item>
/// <item>Reference names (elevator varieties, 使用场所, fault codes, the regulation's maintenance items) are entries
/// too, shown through <see cref="Show(string?)"/>; a name a company typed itself has no entry and stays as typed.</item>
/// </list>
/// A test scans Core for Chinese literals and fails on any without an entry here.
/// </summary>
public static partial class CoreTexts
{
    private static readonly FrozenDictionary<string, string> EnglishByChinese = BuildEnglish();

    private static readonly Lazy<IReadOnlyList<(Regex Pattern, int Count, string English)>> Patterns = new(BuildPatterns);

    /// <summary>Every Chinese template with English, for tests.</summary>
    public static IReadOnlyDictionary<string, string> English => EnglishByChinese;

    public static bool IsEnglish(CultureInfo culture) => culture.TwoLetterISOLanguageName == "en";

    public static string Render(LocalizedText text, CultureInfo culture)
    {
        var template = IsEnglish(culture) && EnglishByChinese.TryGetValue(text.Template, out var english) ? english : text.Template;
        var arguments = text.Arguments.Select(a => a switch
        {
            LocalizedText nested => nested.ToString(culture),
            string name => Translate(name, culture),
            _ => a,
        }).ToArray();
        return string.Format(culture, template, arguments);
    }

    /// <summary>A stored or reference text in the current UI culture's language.</summary>
    public static string Show(string? stored) => Show(stored, CultureInfo.CurrentUICulture);

    public static string Show(string? stored, CultureInfo culture) => Show(stored, culture, depth: 3);

    /// <summary>
    /// <paramref name="depth"/> bounds how deep a text inside a text is recognised ("{0}：{1}（…）" holding a landing's
    /// warning holding its description).
    /// </summary>
    private static string Show(string? stored, CultureInfo culture, int depth)
    {
        if (string.IsNullOrEmpty(stored) || !IsEnglish(culture))
        {
            return stored ?? "";
        }
        if (EnglishByChinese.TryGetValue(stored, out var exact))
        {
            return exact.Contains('{', StringComparison.Ordinal) ? stored : Unescape(exact);
        }
        if (depth == 0)
        {
            return stored;
        }
        foreach (var (pattern, count, english) in Patterns.Value)
        {
            var match = pattern.Match(stored);
            if (match.Success)
            {
                var arguments = Enumerable.Range(0, count).Select(i => (object)Show(match.Groups["a" + i.ToString(CultureInfo.InvariantCulture)].Value, culture, depth - 1)).ToArray();
                return string.Format(culture, english, arguments);
            }
        }
        return stored;
    }

    /// <summary>A name with an entry of its own (a state, a fault, a period), else as it is.</summary>
    private static string Translate(string name, CultureInfo culture) =>
        IsEnglish(culture) && EnglishByChinese.TryGetValue(name, out var english) && !english.Contains('{', StringComparison.Ordinal)
            ? Unescape(english)
            : name;

    private static string Unescape(string text) => text.Replace("{{", "{", StringComparison.Ordinal).Replace("}}", "}", StringComparison.Ordinal);

    private static FrozenDictionary<string, string> BuildEnglish()
    {
        var all = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (chinese, english) in Errors().Concat(Generated()).Concat(Reference()).Concat(MaintenanceItems()).Concat(People()).Concat(Binding()).Concat(Profile())
            .Concat(Api()).Concat(Home()).Concat(Monitoring()).Concat(DeviceDebug()).Concat(Live()).Concat(Statistics()).Concat(Rescue()).Concat(Video()).Concat(BrokerHooks()).Concat(Health()))
        {
            // Add, not the indexer: a key written twice is a mistake that should stop the type from loading.
            all.Add(chinese, english);
        }
        return all.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private static readonly Regex Hole = new(@"\{(\d+)(?:,-?\d+)?(?::[^}]*)?\}", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    private static List<(Regex, int, string)> BuildPatterns()
    {
        var patterns = new List<(Regex Pattern, int Count, string English, int Literal)>();
        foreach (var (chinese, english) in EnglishByChinese)
        {
            if (!Hole.IsMatch(chinese))
            {
                continue;
            }
            var regex = new StringBuilder("^");
            var literal = 0;
            var at = 0;
            var order = new List<int>();
            foreach (Match hole in Hole.Matches(chinese))
            {
                var text = Unescape(chinese[at..hole.Index]);
                literal += text.Length;
                regex.Append(Regex.Escape(text));
                var index = int.Parse(hole.Groups[1].Value, CultureInfo.InvariantCulture);
                regex.Append(order.Contains(index) ? $@"\k<a{index}>" : $"(?<a{index}>.*?)");
                order.Add(index);
                at = hole.Index + hole.Length;
            }
            var tail = Unescape(chinese[at..]);
            literal += tail.Length;
            regex.Append(Regex.Escape(tail)).Append('$');
            // Captured arguments are text, so the English drops its number and date formats.
            var plain = Hole.Replace(english, m => "{" + m.Groups[1].Value + "}");
            patterns.Add((new Regex(regex.ToString(), RegexOptions.Singleline | RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture,
                TimeSpan.FromSeconds(1)), order.Max() + 1, plain, literal));
        }
        // The most specific template first: "{0}（第 {1} 层站）" must not be taken for a bare "{0}".
        return [.. patterns.OrderByDescending(p => p.Literal).Select(p => (p.Pattern, p.Count, p.English))];
    }
}
