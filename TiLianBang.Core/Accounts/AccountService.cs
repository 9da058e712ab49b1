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
    TiLianBangDbContext db,
    CurrentActor actor,
    SignInThrottle throttle,
    TimeProvider clock)
{
    /// <summary>
    /// Checks a user name and password from the acting client's address (<see cref="CurrentActor.IpAddress"/>),
    /// subject to <see cref="SignInThrottle"/>. An unknown user name costs the same password hashing and gets the
    /// same answer as a wrong password, so neither the time nor the answer tells whether an account exists.
    /// </summary>
    public async Task<SignInResultWithAccount> CheckPasswordAsync(string userName, string password, CancellationToken cancellationToken)
    {
        userName = userName.Trim();
        if (throttle.Check(userName, actor.IpAddress) is { } block)
        {
            // Not logged: under attack every refused try would be a database write.
            return Blocked(block);
        }
        var account = await users.FindByNameAsync(userName);
        var passwordMatches = account is null
            ? VerifyAgainstDummyHash(password)
            : await users.CheckPasswordAsync(account, password);
        if (!passwordMatches)
        {
            var failure = throttle.RecordFailure(userName, actor.IpAddress);
            await LogAsync(OperationAction.SignInFailed, account, userName, account is null ? "unknown user" : "wrong password", cancellationToken);
            if (failure is null)
            {
                return new(SignInOutcome.WrongCredentials, null);
            }
            await LogAsync(OperationAction.LockedOut, account, userName,
                (failure.Kind == SignInBlockKind.AddressThrottled ? "address throttled" : "locked for this address")
                + $" until {failure.Until:u} ({actor.IpAddress})", cancellationToken);
            return Blocked(failure);
        }
        throttle.RecordSuccess(userName, actor.IpAddress);
        // Only someone who knows the password learns that an administrator locked or disabled the account.
        if (await users.IsLockedOutAsync(account!))
        {
            await LogAsync(OperationAction.SignInFailed, account, userName, "account locked by an administrator", cancellationToken);
            return new(SignInOutcome.Disabled, null);
        }
        account!.LastSignInAtUtc = clock.GetUtcNow().UtcDateTime;
        await users.UpdateAsync(account);
        await LogAsync(OperationAction.SignIn, account, userName, null, cancellationToken);
        return new(account.MustChangePassword ? SignInOutcome.MustChangePassword : SignInOutcome.Succeeded, account);
    }

    private static SignInResultWithAccount Blocked(SignInBlock block) => new(
        block.Kind == SignInBlockKind.AddressThrottled ? SignInOutcome.Throttled : SignInOutcome.LockedOut, null, block.Until);

    /// <summary>Hashes the password as a real check would, and fails: the time of an unknown name matches a wrong password.</summary>
    private bool VerifyAgainstDummyHash(string password)
    {
        var dummy = new Account { DisplayName = "" };
        // Made with the configured hasher, so it costs what a stored hash costs; made once per process.
        var hash = LazyInitializer.EnsureInitialized(ref s_dummyHash, () => users.PasswordHasher.HashPassword(dummy, Guid.NewGuid().ToString()));
        users.PasswordHasher.VerifyHashedPassword(dummy, hash, password);
        return false;
    }

    private static string? s_dummyHash;

    /// <summary>Changes the acting account's own password; clears a forced change.</summary>
    public async Task<Account> ChangeOwnPasswordAsync(string currentPassword, string newPassword, CancellationToken cancellationToken)
    {
        var account = await CurrentAccountAsync();
        if (currentPassword == newPassword)
        {
            throw new DomainException("password.unchanged", "新密码不能与当前密码相同。");
        }
        (await users.ChangePasswordAsync(account, currentPassword, newPassword)).ThrowIfFailed("password");
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
        db.OperationLogs.Add(AccountLog.Entry(action, account, userName, actor.IpAddress, clock.GetUtcNow().UtcDateTime, summary));
        await db.SaveChangesAsync(cancellationToken);
    }
}
