using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using TiLianBang.Core.Auditing;
using TiLianBang.Core.Common;
using TiLianBang.Core.Data;

namespace TiLianBang.Core.Accounts;

/// <summary>
/// Sign-in checks, password changes and language choice for staff and workers alike; the web host turns a
/// successful check into a cookie (staff pages) or a bearer token (mini-program).
/// </summary>
public sealed class AccountService(
    UserManager<Account> users,
    SignInManager<Account> signIns,
    TiLianBangDbContext db,
    CurrentActor actor,
    TimeProvider clock)
{
    public async Task<SignInResultWithAccount> CheckPasswordAsync(string userName, string password, CancellationToken cancellationToken)
    {
        var account = await users.FindByNameAsync(userName.Trim());
        if (account is null)
        {
            await LogAsync(OperationAction.SignInFailed, null, userName, "unknown user", cancellationToken);
            return new(SignInOutcome.WrongCredentials, null);
        }
        var check = await signIns.CheckPasswordSignInAsync(account, password, lockoutOnFailure: true);
        if (check.IsLockedOut)
        {
            var until = await users.GetLockoutEndDateAsync(account);
            await LogAsync(OperationAction.LockedOut, account, userName, $"locked until {until:u}", cancellationToken);
            return new(SignInOutcome.LockedOut, null, until);
        }
        if (!check.Succeeded)
        {
            await LogAsync(OperationAction.SignInFailed, account, userName, "wrong password", cancellationToken);
            return new(SignInOutcome.WrongCredentials, null);
        }
        account.LastSignInAtUtc = clock.GetUtcNow().UtcDateTime;
        await users.UpdateAsync(account);
        await LogAsync(OperationAction.SignIn, account, userName, null, cancellationToken);
        return new(account.MustChangePassword ? SignInOutcome.MustChangePassword : SignInOutcome.Succeeded, account);
    }

    /// <summary>Changes the acting account's own password; clears a forced change.</summary>
    public async Task<Account> ChangeOwnPasswordAsync(string currentPassword, string newPassword, CancellationToken cancellationToken)
    {
        var account = await CurrentAccountAsync();
        if (currentPassword == newPassword)
        {
            throw new DomainException("password.unchanged", "新密码不能与当前密码相同。");
        }
        var result = await users.ChangePasswordAsync(account, currentPassword, newPassword);
        if (!result.Succeeded)
        {
            throw new DomainException("password." + result.Errors.First().Code, string.Join(" ", result.Errors.Select(e => e.Description)));
        }
        account.MustChangePassword = false;
        await users.UpdateAsync(account);
        await LogAsync(OperationAction.PasswordChanged, account, account.UserName, null, cancellationToken);
        return account;
    }

    public async Task LogSignOutAsync(CancellationToken cancellationToken)
    {
        var account = await CurrentAccountAsync();
        await LogAsync(OperationAction.SignOut, account, account.UserName, null, cancellationToken);
    }

    public async Task SetOwnLanguageAsync(string language)
    {
        if (!AccountLanguages.IsSupported(language))
        {
            throw new DomainException("language.unsupported", $"不支持的语言：{language}");
        }
        var account = await CurrentAccountAsync();
        account.Language = language;
        await users.UpdateAsync(account);
    }

    public async Task<Account> CurrentAccountAsync()
    {
        var id = actor.AccountId ?? throw new DomainException("account.anonymous", "请先登录。", DomainErrorKind.Forbidden);
        return await users.FindByIdAsync(id.ToString(System.Globalization.CultureInfo.InvariantCulture))
            ?? throw new DomainException("account.missing", "账号不存在。", DomainErrorKind.NotFound);
    }

    private async Task LogAsync(OperationAction action, Account? account, string? userName, string? summary, CancellationToken cancellationToken)
    {
        db.OperationLogs.Add(new OperationLog
        {
            AtUtc = clock.GetUtcNow().UtcDateTime,
            AccountId = account?.Id,
            UserName = account?.UserName ?? userName,
            CompanyId = account?.CompanyId,
            IpAddress = actor.IpAddress,
            Action = action,
            Target = account is null ? null : $"Account#{account.Id}",
            Summary = summary,
        });
        await db.SaveChangesAsync(cancellationToken);
    }
}
