namespace TiLianBang.Core.Common;

/// <summary>Input failed validation; <see cref="Errors"/> maps each field to what is wrong with it.</summary>
public sealed class ValidationException(IReadOnlyDictionary<string, string> errors)
    : DomainException("validation", string.Join(" ", errors.Values))
{
    public IReadOnlyDictionary<string, string> Errors { get; } = errors;
}
