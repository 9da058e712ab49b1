using TiLianBang.Core.Auditing;

namespace TiLianBang.Core.Accounts;

/// <summary>
/// A log row written by a person about their own account (sign-in, password, WeChat, recovery): they act on
/// themselves, so actor and target are the same account — or only the user name typed, when none matched.
/// </summary>
internal static class AccountLog
{
    public static OperationLog Entry(OperationAction action, Account? account, string? userName, string? ipAddress, DateTime atUtc, string? summary) => new()
    {
        AtUtc = atUtc,
        AccountId = account?.Id,
        UserName = account?.UserName ?? userName,
        CompanyId = account?.CompanyId,
        IpAddress = ipAddress,
        Action = action,
        Target = account is null ? null : $"Account#{account.Id}",
        Summary = summary,
    };
}
