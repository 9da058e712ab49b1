namespace TiLianBang.Core.Auditing;

/// <summary>The names <see cref="AuditNames"/> looked up for one page of rows; answers without further queries.</summary>
public sealed class AuditNameBook
{
    public static readonly AuditNameBook Empty = new(new Dictionary<int, (string, string?)>(), new Dictionary<string, int>(), new Dictionary<string, string>());

    private readonly IReadOnlyDictionary<int, (string DisplayName, string? UserName)> _accounts;
    private readonly IReadOnlyDictionary<string, int> _accountsByUserName;
    private readonly IReadOnlyDictionary<string, string> _subjects;

    internal AuditNameBook(IReadOnlyDictionary<int, (string, string?)> accounts, IReadOnlyDictionary<string, int> accountsByUserName, IReadOnlyDictionary<string, string> subjects)
    {
        _accounts = accounts;
        _accountsByUserName = accountsByUserName;
        _subjects = subjects;
    }

    public ActorName Actor(int? accountId, string? userName)
    {
        if (accountId is null && userName is not null && _accountsByUserName.TryGetValue(userName, out var byName))
        {
            accountId = byName;
        }
        if (accountId is { } id && _accounts.TryGetValue(id, out var account))
        {
            return new ActorName(account.DisplayName, false, account.UserName ?? userName);
        }
        if (SystemActors.KeyOf(userName) is { } system)
        {
            return new ActorName(system, true, userName);
        }
        // Someone who typed a name that has no account (a failed sign-in), or an account since deleted.
        return string.IsNullOrEmpty(userName) ? ActorName.Nobody : new ActorName(userName, false, null);
    }

    public SubjectName? Subject(string? target) =>
        AuditTarget.Parse(target) is not { } parsed
            ? null
            : new SubjectName(AuditSubjects.KindOf(parsed.Entity), _subjects.GetValueOrDefault(target!));
}
