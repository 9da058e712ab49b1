using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using TiLianBang.Core.Common;
using TiLianBang.Core.Data;
using TiLianBang.Core.Notifications;
using TiLianBang.Core.Photos;

namespace TiLianBang.Core.Accounts;

/// <summary>
/// 个人资料修改 (API-10, §6.2.13.7): what a person changes on their own account — the name others see, the
/// profile picture and the mobile. A new mobile counts only once a code sent to it by SMS comes back, so nobody
/// can point password recovery and SMS alerts at a number they do not hold.
/// </summary>
public sealed class Profile(
    TiLianBangDbContext db,
    UserManager<Account> users,
    CurrentActor actor,
    PhotoStore photos,
    NotificationOutbox outbox,
    TimeProvider clock)
{
    public static readonly TimeSpan CodeLifetime = TimeSpan.FromMinutes(5);
    public const int MaxCodeAttempts = 5;
    /// <summary>The least time between two codes for one mobile or one account; the page counts it down.</summary>
    public static readonly TimeSpan CodeInterval = TimeSpan.FromMinutes(1);
    /// <summary>Codes per mobile and per account within <see cref="CodeWindow"/>: each one is an SMS someone pays for.</summary>
    public const int MaxCodesPerWindow = 5;
    public static readonly TimeSpan CodeWindow = TimeSpan.FromDays(1);

    public async Task<ProfileView> GetAsync(CancellationToken cancellationToken)
    {
        var id = RequireAccountId();
        var row = await db.Users.AsNoTracking().Where(a => a.Id == id)
            .Select(a => new
            {
                a.Id, a.UserName, a.DisplayName, a.PhoneNumber, a.CompanyId, CompanyName = a.Company!.Name, CompanyKind = a.Company.Kind,
                RoleName = a.Role!.Name, a.Role.Permissions, a.Job, a.Language, a.Certificate, a.AvatarFile, a.WeChatOpenId, a.LastSignInAtUtc,
            })
            .SingleOrDefaultAsync(cancellationToken) ?? throw Missing();
        return new ProfileView
        {
            Id = row.Id,
            UserName = row.UserName ?? "",
            DisplayName = row.DisplayName,
            Phone = row.PhoneNumber,
            CompanyId = row.CompanyId,
            CompanyName = row.CompanyName,
            CompanyKind = row.CompanyKind,
            RoleName = row.RoleName,
            Job = row.Job,
            Language = row.Language,
            Certificate = row.Certificate.IsEmpty
                ? null
                : new CertificateView(row.Certificate.Number, row.Certificate.Category, row.Certificate.ExpiresOn, row.Certificate.IsExpiredOn(clock.Today())),
            AvatarFile = row.AvatarFile,
            WeChatBound = row.WeChatOpenId is not null,
            LastSignInAtUtc = row.LastSignInAtUtc,
            Permissions = [.. PermissionCatalog.EffectiveFor(row.CompanyKind, row.Permissions).Order(StringComparer.Ordinal)],
        };
    }

    public async Task RenameAsync(string? displayName, CancellationToken cancellationToken)
    {
        var name = displayName?.Trim() ?? "";
        if (name.Length is 0 or > 50)
        {
            throw new ValidationException(new Dictionary<string, string> { ["DisplayName"] = "姓名应为 1–50 个字符。" });
        }
        var account = await CurrentAsync();
        account.DisplayName = name;
        // UpdateAsync, not a setter of Identity's: those renew the security stamp and would sign the person out.
        (await users.UpdateAsync(account)).ThrowIfFailed("account");
    }

    /// <summary>The language of the person's pages, mini-program and messages (zh-CN or en).</summary>
    public async Task SetLanguageAsync(string? language, CancellationToken cancellationToken)
    {
        if (!AccountLanguages.IsSupported(language))
        {
            throw new ValidationException(new Dictionary<string, string> { ["language"] = "语言应为 zh-CN（中文）或 en（English）。" });
        }
        var account = await CurrentAsync();
        account.Language = language!;
        (await users.UpdateAsync(account)).ThrowIfFailed("account");
    }

    /// <summary>Stores a new profile picture (checked like any photo: JPEG, PNG or WebP, size limit) and drops the old file.</summary>
    public async Task<string> ReplaceAvatarAsync(Stream content, CancellationToken cancellationToken)
    {
        var account = await CurrentAsync();
        var stored = await photos.SaveAsync("avatar-" + account.Id.ToString(CultureInfo.InvariantCulture), content, cancellationToken);
        var old = account.AvatarFile;
        account.AvatarFile = stored.StoredName;
        var result = await users.UpdateAsync(account);
        if (!result.Succeeded)
        {
            photos.Delete(stored.StoredName);
            result.ThrowIfFailed("account");
        }
        if (old is not null)
        {
            photos.Delete(old);
        }
        return stored.StoredName;
    }

    /// <summary>The person's own picture, or null when none was uploaded (or its file is gone).</summary>
    public async Task<(Stream Content, string ContentType)?> OpenAvatarAsync(CancellationToken cancellationToken)
    {
        var id = RequireAccountId();
        var file = await db.Users.Where(a => a.Id == id).Select(a => a.AvatarFile).SingleOrDefaultAsync(cancellationToken);
        return file is not null && photos.Exists(file) ? (photos.Open(file), PhotoStore.ContentTypeOf(file)) : null;
    }

    /// <summary>
    /// Sends a 6-digit code by SMS to the mobile the person wants to use instead. Every request is a
    /// <see cref="VerificationCode"/> row, which is what the limits count (per mobile and per account).
    /// </summary>
    /// <returns>When the next code may be asked for.</returns>
    public async Task<DateTimeOffset> SendPhoneCodeAsync(string? phone, CancellationToken cancellationToken)
    {
        var account = await CurrentAsync();
        phone = phone?.Trim() ?? "";
        await CheckNewPhoneAsync(account, phone, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var recent = await db.VerificationCodes.AsNoTracking()
            .Where(c => c.Purpose == VerificationPurpose.PhoneChange && (c.Phone == phone || c.AccountId == account.Id) && c.RequestedAtUtc > now - CodeWindow)
            .Select(c => c.RequestedAtUtc)
            .ToListAsync(cancellationToken);
        if (recent.Count > 0 && recent.Max() > now - CodeInterval)
        {
            var wait = (int)Math.Ceiling((recent.Max() + CodeInterval - now).TotalSeconds);
            throw new DomainException("phone.code_too_soon", $"验证码发送过于频繁，请 {wait} 秒后再试。", DomainErrorKind.TooManyRequests);
        }
        if (recent.Count >= MaxCodesPerWindow)
        {
            throw new DomainException("phone.code_daily_limit", "24 小时内获取验证码的次数已达上限，请稍后再试。", DomainErrorKind.TooManyRequests);
        }
        var code = RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6", CultureInfo.InvariantCulture);
        db.VerificationCodes.Add(new VerificationCode
        {
            Purpose = VerificationPurpose.PhoneChange,
            Phone = phone,
            ClientKey = SignInThrottle.AddressKey(actor.IpAddress),
            AccountId = account.Id,
            CodeHash = Hash(phone, code),
            RequestedAtUtc = now,
            ExpiresAtUtc = now + CodeLifetime,
        });
        outbox.Add(NotificationChannel.Sms, account.Id, phone, "验证码",
            string.Create(CultureInfo.InvariantCulture, $"您正在更换梯连帮账号的手机号，验证码 {code}，{CodeLifetime.TotalMinutes} 分钟内有效。如非本人操作，请忽略本短信。"));
        // The row and its SMS commit together: a failed save sends nothing and counts nothing.
        await db.SaveChangesAsync(cancellationToken);
        return new DateTimeOffset(now + CodeInterval, TimeSpan.Zero);
    }

    /// <summary>Makes <paramref name="phone"/> the account's mobile if <paramref name="code"/> is the live code sent to it.</summary>
    public async Task ChangePhoneAsync(string? phone, string? code, CancellationToken cancellationToken)
    {
        var account = await CurrentAsync();
        phone = phone?.Trim() ?? "";
        code = code?.Trim() ?? "";
        await CheckNewPhoneAsync(account, phone, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        // Only the latest code counts: asking for a new one retires the earlier ones.
        var sent = await db.VerificationCodes
            .Where(c => c.Purpose == VerificationPurpose.PhoneChange && c.AccountId == account.Id && c.Phone == phone && c.CodeHash != null)
            .OrderByDescending(c => c.RequestedAtUtc).ThenByDescending(c => c.Id)
            .FirstOrDefaultAsync(cancellationToken);
        if (sent is null || sent.UsedAtUtc is not null || sent.ExpiresAtUtc <= now || sent.FailedAttempts >= MaxCodeAttempts)
        {
            throw new DomainException("phone.code_expired", "验证码已失效，请重新获取。");
        }
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(sent.CodeHash!), Encoding.ASCII.GetBytes(Hash(phone, code))))
        {
            sent.FailedAttempts++;
            await db.SaveChangesAsync(cancellationToken);
            var left = MaxCodeAttempts - sent.FailedAttempts;
            throw left > 0
                ? new DomainException("phone.code_wrong", $"验证码错误，还可以再试 {left} 次。")
                : new DomainException("phone.code_expired", "验证码错误次数过多，请重新获取。");
        }
        sent.UsedAtUtc = now;
        account.PhoneNumber = phone;
        account.PhoneNumberConfirmed = true;
        // The code row and the new mobile in one save (UpdateAsync saves the context's tracked changes too);
        // the unique index on the mobile settles a race with another account taking it meanwhile.
        (await users.UpdateAsync(account)).ThrowIfFailed("account");
    }

    private async Task CheckNewPhoneAsync(Account account, string phone, CancellationToken cancellationToken)
    {
        if (!MobileNumbers.IsValid(phone))
        {
            throw new ValidationException(new Dictionary<string, string> { ["Phone"] = "手机号应为 11 位中国大陆手机号码。" });
        }
        if (phone == account.PhoneNumber)
        {
            throw new ValidationException(new Dictionary<string, string> { ["Phone"] = "这已是您当前的手机号。" });
        }
        if (await db.Users.AnyAsync(a => a.PhoneNumber == phone && a.Id != account.Id, cancellationToken))
        {
            throw new DomainException("phone.taken", $"手机号 {phone} 已被其他账号使用。", DomainErrorKind.Conflict);
        }
    }

    private static string Hash(string phone, string code) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(phone + ":" + code)));

    private int RequireAccountId() =>
        actor.AccountId ?? throw new DomainException("account.anonymous", "请先登录。", DomainErrorKind.Forbidden);

    private async Task<Account> CurrentAsync() =>
        await users.FindByIdAsync(RequireAccountId().ToString(CultureInfo.InvariantCulture)) ?? throw Missing();

    private static DomainException Missing() => new("account.missing", "账号不存在。", DomainErrorKind.NotFound);

}
