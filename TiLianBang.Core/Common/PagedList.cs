using System.Text.Json.Serialization;

namespace TiLianBang.Core.Common;

/// <summary>One page of a list answered over the API, with how many items match in all.</summary>
public sealed record PagedList<T>
{
    [JsonConstructor]
    public PagedList(IReadOnlyList<T> items, int total, int page, int pageSize)
    {
        Items = items;
        Total = total;
        Page = page;
        PageSize = pageSize;
    }

    public PagedList(IReadOnlyList<T> items, int total, Paging paging) : this(items, total, paging.Page, paging.PageSize)
    {
    }

    public IReadOnlyList<T> Items { get; }
    public int Total { get; }
    public int Page { get; }
    public int PageSize { get; }
}
