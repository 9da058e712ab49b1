using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace TiLianBang.Tests.Localization;

/// <summary>Every literal text a page or endpoint asks the localizer for has English.</summary>
public sealed partial class EnglishResourceTests
{
    [Fact]
    public void EveryLiteralLocalizerKeyInTheWebHasAnEnglishEntry()
    {
        var web = Path.Combine(SourceLiterals.RepositoryRoot, "TiLianBang.Web");
        var resx = XDocument.Load(Path.Combine(web, "Resources", "SharedResource.en.resx"));
        var english = resx.Root!.Elements("data")
            .Where(d => !string.IsNullOrWhiteSpace(d.Element("value")?.Value))
            .Select(d => d.Attribute("name")!.Value)
            .ToHashSet(StringComparer.Ordinal);

        var keys = Directory.EnumerateFiles(web, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".razor", StringComparison.Ordinal) || f.EndsWith(".cs", StringComparison.Ordinal))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}node_modules{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => LiteralKey().Matches(File.ReadAllText(f)).Select(m => (File: Path.GetRelativePath(web, f), Key: Regex.Unescape(m.Groups[1].Value))))
            .ToList();
        var missing = keys.Where(k => !english.Contains(k.Key)).Select(k => $"{k.File}: {k.Key}").Distinct().Order(StringComparer.Ordinal).ToList();

        Assert.True(keys.Count > 300, $"Only {keys.Count} keys found; is the pattern still right?");
        Assert.True(missing.Count == 0, "No English in SharedResource.en.resx for:\n" + string.Join("\n", missing));
    }

    [Fact]
    public void NoKeyIsWrittenTwiceInTheEnglishResource()
    {
        var resx = XDocument.Load(Path.Combine(SourceLiterals.RepositoryRoot, "TiLianBang.Web", "Resources", "SharedResource.en.resx"));

        var twice = resx.Root!.Elements("data").GroupBy(d => d.Attribute("name")!.Value).Where(g => g.Count() > 1).Select(g => g.Key).ToList();

        Assert.Empty(twice);
    }

    /// <summary><c>L["文字"]</c> (not <c>L[$"…"]</c> or <c>L[name]</c>, which are not literal).</summary>
    [GeneratedRegex("""(?<![\w.])L\["((?:[^"\\]|\\.)*)"\]""")]
    private static partial Regex LiteralKey();
}
