using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using TiLianBang.Core.Auditing;
using TiLianBang.Core.Common;
using TiLianBang.Core.Data;
using TiLianBang.Core.Localization;
using TiLianBang.Core.Notifications;

namespace TiLianBang.Core.Accounts;

/// <summary>
/// 密码找回 (§6.2.2): a 6-digit code by SMS to the account's mobile, then a new password with the code.
/// Nobody learns from it whether a mobile belongs to an account: a request for an unknown mobile is stored,
/// counted and answered like one for a known mobile (only no SMS goes out, and the SMS leaves through the outbox,
/// so the answer never waits for the gateway); a reset for an unknown mobile fails like a wrong code.
/// Limits: <see cref="MinInterval"/> between requests and <see cref="MaxRequestsPerDay"/> a day, per mobile and
/// per client address, counted from the stored requests; a code lives <see cref="CodeLifetime"/> and dies after
/// <see cref="MaxAttempts"/> wrong tries; only a mobile's newest code counts.
/// </summary>
public sealed partial class PasswordRecovery(
    UserManager<Account> users,
    TiLianBangDbContext db,
    NotificationOutbox outbox,
    SignInThrottle throttle,
    CurrentActor actor,
    TimeProvider clock)
{
    public static readonly TimeSpan CodeLifetime = TimeSpan.FromMinutes(5);
    public const int MaxAttempts = 5;
    public static readonly TimeSpan MinInterval = TimeSpan.FromMinutes(1);
    public const int MaxRequestsPerDay = 5;
    public static readonly TimeSpan Day = TimeSpan.FromDays(1);

    /// <summary>
    /// The throttle's name for code guesses. No user name contains '#'; failures are recorded under per-mobile names
    /// that are never checked, so they count only towards the client address's failed sign-ins (guessing codes
    /// across many mobiles from one address is stopped like guessing passwords across accounts).
    /// </summary>
    private const string ThrottleName = "#recovery";

    /// <summary>
    /// Counting and adding a request happen under one lock, so that simultaneous requests cannot all pass the limit
    /// in this process (several web nodes could each let one more through, which the limits tolerate).
    /// </summary>
    private static readonly SemaphoreSlim RequestGate = new(1, 1);

    /// <summary>Sends a code if <paramref name="phone"/> belongs to an enabled account; the answer is the same either way.</summary>
    public async Task<RecoveryLimit> RequestCodeAsync(string phone, CancellationToken cancellationToken)
    {
        phone = phone?.Trim() ?? "";
        if (!MobileNumbers.IsValid(phone))
        {
            throw new DomainException("recovery.invalid_phone", "手机号应为 11 位中国大陆手机号码。");
        }
        var clientKey = SignInThrottle.AddressKey(actor.IpAddress);
        await RequestGate.WaitAsync(cancellationToken);
        try
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var since = now - Day;
            var recent = await db.VerificationCodes.AsNoTracking()
                .Where(c => c.Purpose == VerificationPurpose.PasswordRecovery && c.RequestedAtUtc > since && (c.Phone == phone || c.ClientKey == clientKey))
                .Select(c => new { c.Phone, c.ClientKey, c.RequestedAtUtc })
                .ToListAsync(cancellationToken);
            var wait = Max(
                Wait([.. recent.Where(c => c.Phone == phone).Select(c => c.RequestedAtUtc)], now),
                Wait([.. recent.Where(c => c.ClientKey == clientKey).Select(c => c.RequestedAtUtc)], now));
            if (wait > TimeSpan.Zero)
            {
                return new RecoveryLimit(wait);
            }
            var account = await users.Users.SingleOrDefaultAsync(a => a.PhoneNumber == phone, cancellationToken);
            if (account is not null && await users.IsLockedOutAsync(account))
            {
                // A disabled account gets no way back in by SMS; the requester cannot tell it from an unknown mobile.
                account = null;
            }
            var code = RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6", CultureInfo.InvariantCulture);
            var hash = Hash(code);
            db.VerificationCodes.Add(new VerificationCode
            {
                Purpose = VerificationPurpose.PasswordRecovery,
                Phone = phone,
                ClientKey = clientKey,
                AccountId = account?.Id,
                CodeHash = account is null ? null : hash,
                RequestedAtUtc = now,
                ExpiresAtUtc = now + CodeLifetime,
            });
            if (account is not null)
            {
                var culture = CultureInfo.GetCultureInfo(account.Language);
                LocalizedText title = "验证码";
                LocalizedText body = $"您的密码找回验证码为 {code}，{(int)CodeLifetime.TotalMinutes} 分钟内有效。如非本人操作，请忽略。";
                outbox.Add(NotificationChannel.Sms, account.Id, phone, title.ToString(culture), body.ToString(culture));
            }
            await db.SaveChangesAsync(cancellationToken);
            return RecoveryLimit.None;
        }
        finally
        {
            RequestGate.Release();
        }
    }

    /// <summary>
    /// Sets a new password with the mobile's newest code: it clears a forced change and renews the security stamp,
    /// which ends every token and browser session of the account. Throws <c>recovery.invalid_code</c> alike for a
    /// wrong, expired, used or exhausted code and for a mobile without one.
    /// </summary>
    public async Task<RecoveryLimit> ResetAsync(string phone, string code, string newPassword, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(phone) || string.IsNullOrWhiteSpace(code) || string.IsNullOrEmpty(newPassword))
        {
            throw new DomainException("recovery.missing_fields", "请输入手机号、验证码和新密码。");
        }
        phone = phone.Trim();
        code = code.Trim();
        if (throttle.Check(ThrottleName, actor.IpAddress) is { } block)
        {
            return new RecoveryLimit(block.Until - clock.GetUtcNow());
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var latest = MobileNumbers.IsValid(phone)
            ? await db.VerificationCodes.AsNoTracking()
                .Where(c => c.Purpose == VerificationPurpose.PasswordRecovery && c.Phone == phone)
                .OrderByDescending(c => c.RequestedAtUtc).ThenByDescending(c => c.Id)
                .FirstOrDefaultAsync(cancellationToken)
            : null;
        var live = latest is { AccountId: not null, CodeHash: not null, UsedAtUtc: null } && latest.ExpiresAtUtc > now && latest.FailedAttempts < MaxAttempts;
        if (latest is null || !live || !Matches(latest.CodeHash!, code))
        {
            if (latest is not null)
            {
                // One statement, so that simultaneous guesses cannot share a count and get more than their tries.
                await db.VerificationCodes.Where(c => c.Id == latest.Id)
                    .ExecuteUpdateAsync(s => s.SetProperty(c => c.FailedAttempts, c => c.FailedAttempts + 1), cancellationToken);
            }
            throttle.RecordFailure(ThrottleName + ":" + phone, actor.IpAddress);
            throw InvalidCode();
        }
        var account = await users.FindByIdAsync(latest.AccountId!.Value.ToString(CultureInfo.InvariantCulture));
        if (account is null || await users.IsLockedOutAsync(account))
        {
            throw InvalidCode();
        }
        // The policy before the code is spent: a person who chose a weak password tries again with the same code.
        var refused = new List<IdentityError>();
        foreach (var validator in users.PasswordValidators)
        {
            var check = await validator.ValidateAsync(users, account, newPassword);
            refused.AddRange(check.Errors);
        }
        if (refused.Count > 0)
        {
            throw IdentityResults.Refused(refused, "password");
        }
        var claimed = await db.VerificationCodes
            .Where(c => c.Id == latest.Id && c.UsedAtUtc == null && c.FailedAttempts < MaxAttempts)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.UsedAtUtc, (DateTime?)now), cancellationToken);
        if (claimed == 0)
        {
            throw InvalidCode();
        }
        account.MustChangePassword = false;
        (await users.ResetPasswordAsync(account, await users.GeneratePasswordResetTokenAsync(account), newPassword)).ThrowIfFailed("password");
        // The person proved the mobile: failed sign-ins that locked their name no longer keep them out.
        throttle.Release(account.UserName!);
        db.OperationLogs.Add(AccountLog.Entry(OperationAction.PasswordRecovered, account, null, actor.IpAddress, clock.GetUtcNow().UtcDateTime, "SMS code"));
        await db.SaveChangesAsync(cancellationToken);
        return RecoveryLimit.None;
    }

    private static DomainException InvalidCode() => new("recovery.invalid_code", "验证码错误或已失效，请重新获取。");

    /// <summary>How long until one more request fits both limits, given the times of the requests of the last day.</summary>
    private static TimeSpan Wait(List<DateTime> requests, DateTime now)
    {
        if (requests.Count == 0)
        {
            return TimeSpan.Zero;
        }
        requests.Sort((a, b) => b.CompareTo(a));
        var wait = requests[0] + MinInterval - now;
        if (requests.Count >= MaxRequestsPerDay)
        {
            // The day's count falls below the limit once the request that would be the oldest of a full day's expires.
            wait = Max(wait, requests[MaxRequestsPerDay - 1] + Day - now);
        }
        return Max(wait, TimeSpan.Zero);
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private static string Hash(string code) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(code)));

    private static bool Matches(string storedHash, string code) =>
        code.Length == 6 && code.All(char.IsAsciiDigit)
        && CryptographicOperations.FixedTimeEquals(Convert.FromHexString(storedHash), SHA256.HashData(Encoding.UTF8.GetBytes(code)));
}

/// <summary>How long a caller must wait before asking again; zero when the request was taken.</summary>
public sealed record RecoveryLimit(TimeSpan RetryAfter)
{
    public static RecoveryLimit None { get; } = new(TimeSpan.Zero);

    public bool Limited => RetryAfter > TimeSpan.Zero;
}
