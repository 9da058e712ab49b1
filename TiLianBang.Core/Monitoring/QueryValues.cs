using TiLianBang.Core.Common;

namespace TiLianBang.Core.Monitoring;

/// <summary>Enum values in a query string, by name only: a number would bind to any value, defined or not.</summary>
public static class QueryValues
{
    public static T? EnumOrNull<T>(string? value, string field) where T : struct, Enum =>
        string.IsNullOrWhiteSpace(value) ? null
        : !value.Trim().All(char.IsAsciiDigit) && Enum.TryParse<T>(value.Trim(), ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) ? parsed
        : throw new ValidationException(new Dictionary<string, string> { [field] = $"取值须为以下之一：{string.Join(", ", Enum.GetNames<T>())}。" });
}
