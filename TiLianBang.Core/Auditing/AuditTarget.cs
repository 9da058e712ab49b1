namespace TiLianBang.Core.Auditing;

/// <summary>The "Entity#key" form of <see cref="OperationLog.Target"/>, taken apart.</summary>
public readonly record struct AuditTarget(string Entity, string Key)
{
    public static string Format(Type entity, string key) => $"{EntityName(entity)}#{key}";

    public static AuditTarget? Parse(string? target)
    {
        var at = target?.LastIndexOf('#') ?? -1;
        return at <= 0 ? null : new AuditTarget(target![..at], target[(at + 1)..]);
    }

    /// <summary>The class name without the arity of generic types (IdentityUserToken`1 is IdentityUserToken).</summary>
    public static string EntityName(Type entity)
    {
        var tick = entity.Name.IndexOf('`', StringComparison.Ordinal);
        return tick < 0 ? entity.Name : entity.Name[..tick];
    }
}
