using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TiLianBang.Core.Auditing;
using TiLianBang.Core.Common;
using TiLianBang.Core.Data;
using TiLianBang.Core.Notifications;

namespace TiLianBang.Core.Accounts;

/// <summary>
/// 绑定 (API-1): one account, one WeChat user. Binding proves the account with its password (throttled and logged
/// like any sign-in) and the WeChat user with a mini-program login code; afterwards a login code alone signs the
/// bound account in. 人员管理 removes a binding (<see cref="AccountAdministration.UnbindWeChatAsync"/>).
/// </summary>
public sealed class WeChatBinding(
    UserManager<Account> users,
    TiLianBangDbContext db,
    AccountService accounts,
    WeChatLogin wechat,
    IOptions<WeChatOptions> options,
    SignInThrottle throttle,
    CurrentActor actor,
    TimeProvider clock)
{
    /// <summary>
    /// The throttle's name for sign-ins by WeChat code. No user name can contain '#', so it never meets an account's
    /// own count; failures are recorded under per-openid names that are never checked, so they count only towards
    /// the client address's limit (<see cref="SignInThrottle.MaxFailuresPerAddress"/>), which also ends a flood of
    /// made-up codes that would each cost a call to WeChat.
    /// </summary>
    private const string ThrottleName = "#wechat";

    /// <summary>
    /// Binds the account to the WeChat user of <paramref name="code"/> (not named BindAsync: minimal APIs would take
    /// this service for a parameter that binds itself from the request). The result's outcome says why not when the
    /// password was not accepted; a wrong channel, a conflicting binding or a WeChat failure is thrown.
    /// </summary>
    public async Task<SignInResultWithAccount> BindAccountAsync(string userName, string password, string channel, string code, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(userName) || string.IsNullOrEmpty(password) || string.IsNullOrWhiteSpace(channel) || string.IsNullOrWhiteSpace(code))
        {
            throw new DomainException("wechat.missing_fields", "请输入账号、密码和通道号。");
        }
        var configured = options.Value.Channel;
        if (string.IsNullOrWhiteSpace(configured) || !wechat.IsConfigured)
        {
            throw new WeChatLoginException("wechat.not_configured", "微信登录未配置，请联系管理员。", remoteFailed: false);
        }
        // Checked before the password so that a mini-program set up for another installation never costs its
        // people sign-in failures here.
        if (!string.Equals(channel.Trim(), configured.Trim(), StringComparison.Ordinal))
        {
            throw new DomainException("wechat.wrong_channel", "通道号不正确，请向管理员确认。");
        }
        var result = await accounts.CheckPasswordAsync(userName, password, cancellationToken);
        if (!result.PasswordAccepted)
        {
            return result;
        }
        var account = result.Account!;
        var session = await ExchangeAsync(code, cancellationToken);
        if (account.WeChatOpenId == session.OpenId)
        {
            return result;
        }
        if (account.WeChatOpenId is not null)
        {
            throw new DomainException("wechat.account_bound", "该账号已绑定其他微信，请联系管理员解绑后再绑定。", DomainErrorKind.Conflict);
        }
        if (await db.Users.AnyAsync(a => a.WeChatOpenId == session.OpenId, cancellationToken))
        {
            throw OpenIdBound();
        }
        var now = clock.GetUtcNow().UtcDateTime;
        account.WeChatOpenId = session.OpenId;
        account.WeChatBoundAtUtc = now;
        Log(OperationAction.WeChatBound, account, null);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e)
        {
            // Another request bound the same WeChat user in the meantime; the unique index kept it one to one.
            db.ChangeTracker.Clear();
            throw OpenIdBound(e);
        }
        return result;
    }

    /// <summary>Signs in the account bound to the WeChat user of <paramref name="code"/> (自动登录).</summary>
    public async Task<SignInResultWithAccount> SignInAsync(string code, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            throw new DomainException("wechat.missing_code", "缺少微信登录凭证。");
        }
        if (throttle.Check(ThrottleName, actor.IpAddress) is { } block)
        {
            return new(block.Kind == SignInBlockKind.AddressThrottled ? SignInOutcome.Throttled : SignInOutcome.LockedOut, null, block.Until);
        }
        var session = await ExchangeAsync(code, cancellationToken);
        var account = await users.Users.SingleOrDefaultAsync(a => a.WeChatOpenId == session.OpenId, cancellationToken);
        if (account is null)
        {
            throttle.RecordFailure(ThrottleName + ":" + session.OpenId, actor.IpAddress);
            throw new DomainException("wechat.not_bound", "该微信尚未绑定账号，请先用账号和密码绑定。", DomainErrorKind.NotFound);
        }
        if (await users.IsLockedOutAsync(account))
        {
            Log(OperationAction.SignInFailed, account, "WeChat: account locked by an administrator");
            await db.SaveChangesAsync(cancellationToken);
            return new(SignInOutcome.Disabled, null);
        }
        account.LastSignInAtUtc = clock.GetUtcNow().UtcDateTime;
        Log(OperationAction.SignIn, account, "WeChat");
        await db.SaveChangesAsync(cancellationToken);
        return new(account.MustChangePassword ? SignInOutcome.MustChangePassword : SignInOutcome.Succeeded, account);
    }

    private async Task<WeChatSession> ExchangeAsync(string code, CancellationToken cancellationToken)
    {
        code = code.Trim();
        if (code.Length > WeChatLogin.MaxCodeLength)
        {
            throttle.RecordFailure(ThrottleName + ":code", actor.IpAddress);
            throw new DomainException("wechat.invalid_code", "微信登录凭证无效，请重新打开小程序再试。");
        }
        try
        {
            return await wechat.ExchangeAsync(code, cancellationToken);
        }
        catch (WeChatLoginException e) when (!e.RemoteFailed && e.Code != "wechat.not_configured")
        {
            throttle.RecordFailure(ThrottleName + ":code", actor.IpAddress);
            throw;
        }
    }

    private static DomainException OpenIdBound(Exception? inner = null) =>
        new("wechat.openid_bound", "该微信已绑定其他账号，请先解绑原账号。", DomainErrorKind.Conflict, inner);

    private void Log(OperationAction action, Account account, string? summary) =>
        db.OperationLogs.Add(AccountLog.Entry(action, account, null, actor.IpAddress, clock.GetUtcNow().UtcDateTime, summary));
}
