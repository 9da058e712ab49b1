using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace TiLianBang.Core.Localization;

/// <summary>
/// A text for people, kept as its Chinese template ("电梯 {0} 不存在或无权查看。") and its arguments so that it can be
/// rendered in each reader's language later. An interpolated string converts to it directly, so a throw site reads
/// like plain C#: <c>new DomainException("elevator.not_found", $"电梯 {id} 不存在或无权查看。")</c>.
/// </summary>
[InterpolatedStringHandler]
public sealed class LocalizedText
{
    private readonly StringBuilder? _builder;
    private readonly List<object?> _arguments;
    private string? _template;

    public LocalizedText(int literalLength, int formattedCount)
    {
        _builder = new StringBuilder(literalLength + formattedCount * 4);
        _arguments = new List<object?>(formattedCount);
    }

    private LocalizedText(string template, IEnumerable<object?> arguments)
    {
        _template = template;
        _arguments = [.. arguments];
    }

    /// <summary>The Chinese template, braces escaped as for <see cref="string.Format(string, object?[])"/>; the catalog's key.</summary>
    public string Template => _template ??= _builder!.ToString();

    public IReadOnlyList<object?> Arguments => _arguments;

    /// <summary>A text with no arguments (its braces are literal).</summary>
    public static LocalizedText Of(string text) => new(Escape(text), []);

    /// <summary>A text from an explicit template, for a template chosen at run time.</summary>
    public static LocalizedText Format(string template, params object?[] arguments) => new(template, arguments);

    public static implicit operator LocalizedText(string text) => Of(text);

    public void AppendLiteral(string value) => _builder!.Append(Escape(value));

    public void AppendFormatted<T>(T value) => AppendFormatted(value, 0, null);

    public void AppendFormatted<T>(T value, string? format) => AppendFormatted(value, 0, format);

    public void AppendFormatted<T>(T value, int alignment) => AppendFormatted(value, alignment, null);

    public void AppendFormatted<T>(T value, int alignment, string? format)
    {
        _builder!.Append('{').Append(_arguments.Count.ToString(CultureInfo.InvariantCulture));
        if (alignment != 0)
        {
            _builder.Append(',').Append(alignment.ToString(CultureInfo.InvariantCulture));
        }
        if (format is not null)
        {
            _builder.Append(':').Append(format);
        }
        _builder.Append('}');
        _arguments.Add(value);
    }

    /// <summary>In the current UI culture's language.</summary>
    public override string ToString() => ToString(CultureInfo.CurrentUICulture);

    public string ToString(CultureInfo culture) => CoreTexts.Render(this, culture);

    private static string Escape(string text) => text.Replace("{", "{{", StringComparison.Ordinal).Replace("}", "}}", StringComparison.Ordinal);
}
