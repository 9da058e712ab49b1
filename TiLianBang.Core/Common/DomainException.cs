namespace TiLianBang.Core.Common;

/// <summary>
/// A rule of the domain was broken by the caller's input. <see cref="Code"/> is stable for clients and
/// localisation; <see cref="Message"/> is the default (Chinese) text shown to people.
/// </summary>
public class DomainException(string code, string message, DomainErrorKind kind = DomainErrorKind.Invalid, Exception? innerException = null)
    : Exception(message, innerException)
{
    public string Code { get; } = code;
    public DomainErrorKind Kind { get; } = kind;
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
}
