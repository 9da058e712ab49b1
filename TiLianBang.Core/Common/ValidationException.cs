using System.Globalization;
using TiLianBang.Core.Localization;

namespace TiLianBang.Core.Common;

/// <summary>
/// Input failed validation; <see cref="Errors"/> maps each field to what is wrong with it, in the reader's language
/// (each message is one of <see cref="CoreTexts"/>' templates, recognised when read).
/// </summary>
public sealed class ValidationException(IReadOnlyDictionary<string, string> errors)
    : DomainException("validation", LocalizedText.Of(string.Join(" ", errors.Values)))
{
    /// <summary>Each field's message as composed (Chinese).</summary>
    public IReadOnlyDictionary<string, string> ChineseErrors { get; } = errors;

    /// <summary>Each field's message in the current UI culture's language.</summary>
    public IReadOnlyDictionary<string, string> Errors => ErrorsIn(CultureInfo.CurrentUICulture);

    public IReadOnlyDictionary<string, string> ErrorsIn(CultureInfo culture) =>
        ChineseErrors.ToDictionary(e => e.Key, e => CoreTexts.Show(e.Value, culture));

    public override string MessageIn(CultureInfo culture) => string.Join(" ", ChineseErrors.Values.Select(e => CoreTexts.Show(e, culture)));
}
