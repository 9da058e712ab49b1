namespace TiLianBang.Core.Auditing;

/// <summary>Filters of the operation log search (日志查询); every field optional.</summary>
public sealed record OperationLogQuery
{
    /// <summary>Part of the actor's user name or of the person's real name.</summary>
    public string? UserName { get; init; }
    public OperationAction? Action { get; init; }
    public DateTime? FromUtc { get; init; }
    public DateTime? ToUtc { get; init; }
    public int Page { get; init; }
    public int PageSize { get; init; } = 50;
}
