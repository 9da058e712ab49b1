namespace TiLianBang.Core.Common;

/// <summary>
/// A search box's text as a query term: blank means no search; a term longer than any elevator number, name or
/// community could match is refused (400) rather than sent to the database as an ever longer LIKE.
/// </summary>
public static class SearchTerm
{
    public const int MaxLength = 64;

    public static string? From(string? text, string field = "search")
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        var term = text.Trim();
        return term.Length <= MaxLength
            ? term
            : throw new ValidationException(new Dictionary<string, string> { [field] = $"查询内容最多 {MaxLength} 个字符。" });
    }
}
