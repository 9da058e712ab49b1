namespace TiLianBang.Core.Common;

/// <summary>One page of a list answered over the API, with how many items match in all.</summary>
public sealed record PagedList<T>(IReadOnlyList<T> Items, int Total, int Page, int PageSize)
{
    public PagedList(IReadOnlyList<T> items, int total, Paging paging) : this(items, total, paging.Page, paging.PageSize)
    {
    }
}
