using Microsoft.EntityFrameworkCore;

namespace TiLianBang.Core.Common;

/// <summary>Cutting a list into the page the caller asked for, with the total.</summary>
public static class PagingExtensions
{
    /// <summary>In the database: the query must already be ordered, or pages would overlap.</summary>
    public static async Task<PagedList<T>> ToPagedListAsync<T>(this IQueryable<T> ordered, Paging paging, CancellationToken cancellationToken)
    {
        var total = await ordered.CountAsync(cancellationToken);
        var items = await ordered.Skip(paging.Skip).Take(paging.PageSize).ToListAsync(cancellationToken);
        return new PagedList<T>(items, total, paging);
    }

    /// <summary>In memory, for lists that are short by nature (roles, companies, communities of one installation).</summary>
    public static PagedList<T> ToPagedList<T>(this IReadOnlyList<T> all, Paging paging) =>
        new(all.Skip(paging.Skip).Take(paging.PageSize).ToList(), all.Count, paging);
}
