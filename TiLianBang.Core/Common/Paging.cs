namespace TiLianBang.Core.Common;

/// <summary>
/// Which page of a list the caller asked for (<c>page</c> from 1, <c>pageSize</c> 1–100, 20 when not given).
/// Every list endpoint of the API pages the same way and answers with a <see cref="PagedList{T}"/>.
/// </summary>
public sealed record Paging(int Page, int PageSize)
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;

    public int Skip => (Page - 1) * PageSize;

    /// <summary>Refuses a page below 1 or a page size outside 1–100, naming the query parameter.</summary>
    public static Paging From(int? page, int? pageSize)
    {
        var errors = new Dictionary<string, string>();
        if (page is < 1 or > 100_000)
        {
            errors["page"] = "页码须为 1–100000。";
        }
        if (pageSize is < 1 or > MaxPageSize)
        {
            errors["pageSize"] = "每页条数须为 1–100。";
        }
        if (errors.Count > 0)
        {
            throw new ValidationException(errors);
        }
        return new Paging(page ?? 1, pageSize ?? DefaultPageSize);
    }
}
