using System.Text;

namespace TiLianBang.Tests.Localization;

/// <summary>
/// The string literals of C# source, each as a <see cref="string.Format(string, object?[])"/> template: an interpolated
/// string's holes become {0}, {1}… (with their format), literal braces are doubled. Comments and char literals are skipped;
/// a literal inside a hole is not reported (the hole stands for it).
/// </summary>
internal static class SourceLiterals
{
    public static string RepositoryRoot { get; } = FindRoot();

    public static IEnumerable<string> Of(string source)
    {
        var i = 0;
        while (i < source.Length)
        {
            if (At(source, i, "//"))
            {
                var end = source.IndexOf('\n', i);
                i = end < 0 ? source.Length : end;
            }
            else if (At(source, i, "/*"))
            {
                var end = source.IndexOf("*/", i, StringComparison.Ordinal);
                i = end < 0 ? source.Length : end + 2;
            }
            else if (source[i] == '\'')
            {
                i++;
                while (i < source.Length && source[i] != '\'')
                {
                    i += source[i] == '\\' ? 2 : 1;
                }
                i++;
            }
            else if (At(source, i, "$@\"") || At(source, i, "@$\""))
            {
                yield return Parse(source, ref i, i + 3, interpolated: true, verbatim: true);
            }
            else if (At(source, i, "$\""))
            {
                yield return Parse(source, ref i, i + 2, interpolated: true, verbatim: false);
            }
            else if (At(source, i, "@\""))
            {
                yield return Parse(source, ref i, i + 2, interpolated: false, verbatim: true);
            }
            else if (source[i] == '"')
            {
                yield return Parse(source, ref i, i + 1, interpolated: false, verbatim: false);
            }
            else
            {
                i++;
            }
        }
    }

    private static bool At(string source, int i, string what) => string.CompareOrdinal(source, i, what, 0, what.Length) == 0;

    private static string Parse(string source, ref int next, int i, bool interpolated, bool verbatim)
    {
        var text = new StringBuilder();
        var hole = 0;
        while (true)
        {
            var c = source[i];
            if (c == '"')
            {
                if (verbatim && source[i + 1] == '"')
                {
                    text.Append('"');
                    i += 2;
                    continue;
                }
                next = i + 1;
                return text.ToString();
            }
            if (c == '\\' && !verbatim)
            {
                var e = source[i + 1];
                text.Append(e switch { 'n' => "\n", 't' => "\t", '"' => "\"", '\\' => "\\", _ => "\\" + e });
                i += 2;
                continue;
            }
            if (c is '{' or '}' && (!interpolated || source[i + 1] == c))
            {
                text.Append(c).Append(c);
                i += interpolated ? 2 : 1;
                continue;
            }
            if (interpolated && c == '{')
            {
                i = SkipHole(source, i + 1, out var format);
                text.Append('{').Append(hole++).Append(format is null ? "" : ":" + format).Append('}');
                continue;
            }
            text.Append(c);
            i++;
        }
    }

    /// <summary>Past the hole's closing brace; <paramref name="format"/> is what follows a top-level colon.</summary>
    private static int SkipHole(string source, int i, out string? format)
    {
        format = null;
        var depth = 0;
        while (true)
        {
            var c = source[i];
            if (c == '"')
            {
                var ignored = 0;
                Parse(source, ref ignored, i + 1, interpolated: false, verbatim: false);
                i = ignored;
                continue;
            }
            if (c is '(' or '[' or '{')
            {
                depth++;
            }
            else if (c is ')' or ']')
            {
                depth--;
            }
            else if (c == '}')
            {
                if (depth == 0)
                {
                    return i + 1;
                }
                depth--;
            }
            else if (c == ':' && depth == 0)
            {
                var end = source.IndexOf('}', i);
                format = source[(i + 1)..end];
                return end + 1;
            }
            i++;
        }
    }

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "TiLianBang.sln")))
        {
            directory = directory.Parent;
        }
        return directory?.FullName ?? throw new InvalidOperationException("TiLianBang.sln not found above " + AppContext.BaseDirectory);
    }
}
