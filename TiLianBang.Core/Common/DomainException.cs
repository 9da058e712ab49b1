using System.Globalization;
using TiLianBang.Core.Localization;

namespace TiLianBang.Core.Common;

/// <summary>
/// A rule of the domain was broken by the caller's input. <see cref="Code"/> is stable for clients;
/// <see cref="Text"/> is what people read, rendered in the reader's language (<see cref="CoreTexts"/>).
/// </summary>
public class DomainException(string code, LocalizedText message, DomainErrorKind kind = DomainErrorKind.Invalid, Exception? innerException = null)
    : Exception(message.Template, innerException)
{
    public string Code { get; } = code;
    public DomainErrorKind Kind { get; } = kind;
    public LocalizedText Text { get; } = message;

    /// <summary>In the current UI culture's language, as pages read it.</summary>
    public override string Message => MessageIn(CultureInfo.CurrentUICulture);

    public virtual string MessageIn(CultureInfo culture) => Text.ToString(culture);
}

public enum DomainErrorKind
{
    Invalid,
    NotFound,
    Forbidden,
    Conflict,
    /// <summary>The input is beyond what is accepted in one go (a file's size, columns or rows).</summary>
    TooLarge,
    /// <summary>Well-formed input that could not be processed (e.g. an import that ran out of time).</summary>
    Unprocessable,
    /// <summary>Asked again too soon or too often (an SMS code); the caller may retry later.</summary>
    TooManyRequests,
}
