using Microsoft.EntityFrameworkCore;
using TiLianBang.Core.Common;
using TiLianBang.Core.Data;

namespace TiLianBang.Core.Auditing;

/// <summary>
/// 日志查询: newest first. A company sees the logs of its own accounts (the DbContext's filter); the platform
/// sees all.
/// </summary>
public sealed class OperationLogSearch(TiLianBangDbContext db)
{
    public const int MaxPageSize = 200;

    public async Task<Page<OperationLog>> SearchAsync(OperationLogQuery query, CancellationToken cancellationToken)
    {
        if (query.FromUtc is { } from && query.ToUtc is { } to && from > to)
        {
            throw new ValidationException(new Dictionary<string, string> { [nameof(query.ToUtc)] = "结束时间不能早于开始时间。" });
        }
        var logs = db.OperationLogs.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.UserName))
        {
            // People are shown by their real name, so they are found by it too.
            var name = query.UserName.Trim();
            var named = db.Users.Where(u => u.DisplayName.Contains(name)).Select(u => (int?)u.Id);
            logs = logs.Where(l => l.UserName!.Contains(name) || named.Contains(l.AccountId));
        }
        if (query.Action is { } action)
        {
            logs = logs.Where(l => l.Action == action);
        }
        if (query.FromUtc is { } fromUtc)
        {
            logs = logs.Where(l => l.AtUtc >= fromUtc);
        }
        if (query.ToUtc is { } toUtc)
        {
            logs = logs.Where(l => l.AtUtc < toUtc);
        }
        var size = Math.Clamp(query.PageSize, 1, MaxPageSize);
        var total = await logs.CountAsync(cancellationToken);
        var items = await logs
            .OrderByDescending(l => l.Id)
            .Skip(Math.Max(0, query.Page) * size)
            .Take(size)
            .ToListAsync(cancellationToken);
        return new Page<OperationLog>(items, total);
    }
}
