using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using TiLianBang.Core.Auditing;
using TiLianBang.Core.Common;
using TiLianBang.Core.Data;
using TiLianBang.Core.Organizations;

namespace TiLianBang.Core.Accounts;

/// <summary>
/// 人员管理 (SYS-5, §6.1.8.5): the accounts of the caller's company — of every company for the platform operator.
/// Nobody can hand out more than they hold: an account may be given only a role of its own company whose
/// permissions the caller holds too, and an account with more permissions than the caller cannot be changed by
/// them (otherwise resetting a manager's password would be a way to become the manager).
/// </summary>
public sealed partial class AccountAdministration(
    TiLianBangDbContext db,
    UserManager<Account> users,
    CurrentActor actor,
    SignInThrottle throttle,
    TimeProvider clock)
{
    public const int MaxPageSize = 100;

    public async Task<Page<AccountView>> SearchAsync(AccountSearch search, int page, int pageSize, CancellationToken cancellationToken)
    {
        RequirePermission();
        pageSize = Math.Clamp(pageSize, 1, MaxPageSize);
        page = Math.Max(1, page);
        var query = Filtered(search);
        var total = await query.CountAsync(cancellationToken);
        var rows = await query.OrderBy(a => a.Company!.Name).ThenBy(a => a.UserName)
            .Skip((page - 1) * pageSize).Take(pageSize)
            .Select(Projection)
            .ToListAsync(cancellationToken);
        return new Page<AccountView>(await CompleteAsync(rows, cancellationToken), total);
    }

    /// <summary>Every matching account (for the export), capped at the spreadsheet limit.</summary>
    public async Task<IReadOnlyList<AccountView>> ListAsync(AccountSearch search, CancellationToken cancellationToken)
    {
        RequirePermission();
        var rows = await Filtered(search).OrderBy(a => a.Company!.Name).ThenBy(a => a.UserName)
            .Take(SpreadsheetLimits.MaxRows)
            .Select(Projection)
            .ToListAsync(cancellationToken);
        return await CompleteAsync(rows, cancellationToken);
    }

    public async Task<AccountView> GetAsync(int id, CancellationToken cancellationToken)
    {
        RequirePermission();
        var row = await Visible().Where(a => a.Id == id).Select(Projection).SingleOrDefaultAsync(cancellationToken) ?? throw NotFound(id);
        return (await CompleteAsync([row], cancellationToken))[0];
    }

    /// <summary>The companies whose accounts and roles the caller manages: its own, or all for the platform.</summary>
    public async Task<IReadOnlyList<CompanyOption>> CompaniesAsync(CancellationToken cancellationToken)
    {
        RequirePermission();
        return await db.Companies.AsNoTracking()
            .Where(c => actor.Scope.SeesAll || c.Id == actor.CompanyId)
            .OrderBy(c => c.Kind).ThenBy(c => c.Name)
            .Select(c => new CompanyOption(c.Id, c.Name, c.Kind))
            .ToListAsync(cancellationToken);
    }

    /// <summary>The roles of a company that the caller may give to its accounts.</summary>
    public async Task<IReadOnlyList<RoleOption>> AssignableRolesAsync(int companyId, CancellationToken cancellationToken)
    {
        RequirePermission();
        if (!ManagesCompany(companyId))
        {
            return [];
        }
        var kind = await db.Companies.Where(c => c.Id == companyId).Select(c => c.Kind).SingleOrDefaultAsync(cancellationToken);
        var roles = await db.Roles.AsNoTracking().Where(r => r.CompanyId == companyId).OrderBy(r => r.Name).ToListAsync(cancellationToken);
        var mine = CallerPermissions();
        return roles.Where(r => PermissionCatalog.EffectiveFor(kind, r.Permissions).All(mine.Contains))
            .Select(r => new RoleOption(r.Id, r.Name))
            .ToList();
    }

    /// <summary>Creates the account with a one-time password, to be changed at its first sign-in.</summary>
    public async Task<IssuedPassword> CreateAsync(AccountInput input, CancellationToken cancellationToken)
    {
        RequirePermission();
        await ValidateAsync(null, input, cancellationToken);
        var account = new Account
        {
            UserName = input.UserName.Trim(),
            DisplayName = input.DisplayName.Trim(),
            CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
            MustChangePassword = true,
            LockoutEnabled = true,
        };
        Apply(account, input);
        var password = OneTimePassword.New();
        (await users.CreateAsync(account, password)).ThrowIfFailed("account");
        return new IssuedPassword(account.Id, account.UserName, password);
    }

    public async Task UpdateAsync(int id, AccountInput input, CancellationToken cancellationToken)
    {
        RequirePermission();
        var account = await ManageableAsync(id, cancellationToken);
        if (account.Id == actor.AccountId && (input.RoleId != account.RoleId || input.CompanyId != account.CompanyId))
        {
            throw new DomainException("account.self_role", "不能修改自己的单位或角色。", DomainErrorKind.Forbidden);
        }
        await ValidateAsync(account, input, cancellationToken);
        account.UserName = input.UserName.Trim();
        account.DisplayName = input.DisplayName.Trim();
        Apply(account, input);
        (await users.UpdateAsync(account)).ThrowIfFailed("account");
    }

    /// <summary>停用 / 启用. A disabled account cannot sign in; its tokens and open pages stop working.</summary>
    public async Task SetEnabledAsync(int id, bool enabled, CancellationToken cancellationToken)
    {
        RequirePermission();
        var account = await ManageableAsync(id, cancellationToken);
        if (account.Id == actor.AccountId)
        {
            throw new DomainException("account.self_disable", "不能停用自己的账号。", DomainErrorKind.Forbidden);
        }
        if (IsEnabled(account) == enabled)
        {
            return;
        }
        account.LockoutEnabled = true;
        account.LockoutEnd = enabled ? null : DateTimeOffset.MaxValue;
        if (!enabled)
        {
            // A new stamp as well: if the account is enabled again, what was signed in before stays signed out.
            await users.UpdateSecurityStampAsync(account);
        }
        (await users.UpdateAsync(account)).ThrowIfFailed("account");
        await LogAsync(enabled ? OperationAction.AccountEnabled : OperationAction.AccountDisabled, account, null, cancellationToken);
    }

    /// <summary>解除锁定: lifts the lock that repeated wrong passwords put on the account.</summary>
    public async Task UnlockAsync(int id, CancellationToken cancellationToken)
    {
        RequirePermission();
        var account = await ManageableAsync(id, cancellationToken);
        throttle.Release(account.UserName!);
        await LogAsync(OperationAction.AccountUnlocked, account, null, cancellationToken);
    }

    /// <summary>重置密码: a new one-time password, shown once; every sign-in of the account ends.</summary>
    public async Task<IssuedPassword> ResetPasswordAsync(int id, CancellationToken cancellationToken)
    {
        RequirePermission();
        var account = await ManageableAsync(id, cancellationToken);
        var password = OneTimePassword.New();
        var token = await users.GeneratePasswordResetTokenAsync(account);
        (await users.ResetPasswordAsync(account, token, password)).ThrowIfFailed("account");
        account.MustChangePassword = true;
        (await users.UpdateAsync(account)).ThrowIfFailed("account");
        await LogAsync(OperationAction.PasswordReset, account, null, cancellationToken);
        return new IssuedPassword(account.Id, account.UserName!, password);
    }

    /// <summary>解绑微信: the WeChat user can no longer sign in automatically and gets no more messages.</summary>
    public async Task UnbindWeChatAsync(int id, CancellationToken cancellationToken)
    {
        RequirePermission();
        var account = await ManageableAsync(id, cancellationToken);
        if (account.WeChatOpenId is null)
        {
            return;
        }
        account.WeChatOpenId = null;
        account.WeChatBoundAtUtc = null;
        (await users.UpdateAsync(account)).ThrowIfFailed("account");
        await LogAsync(OperationAction.WeChatUnbound, account, null, cancellationToken);
    }

    public static bool IsEnabled(Account account) => account.LockoutEnd is null;

    private IQueryable<Account> Visible() =>
        db.Users.AsNoTracking().Where(a => actor.Scope.SeesAll || a.CompanyId == actor.CompanyId);

    private IQueryable<Account> Filtered(AccountSearch search)
    {
        var query = Visible();
        if (!string.IsNullOrWhiteSpace(search.Text))
        {
            var text = search.Text.Trim();
            query = query.Where(a => a.DisplayName.Contains(text) || a.UserName!.Contains(text) || a.PhoneNumber!.Contains(text));
        }
        if (search.CompanyId is { } company)
        {
            query = query.Where(a => a.CompanyId == company);
        }
        if (search.RoleId is { } role)
        {
            query = query.Where(a => a.RoleId == role);
        }
        if (search.Enabled is { } enabled)
        {
            query = enabled ? query.Where(a => a.LockoutEnd == null) : query.Where(a => a.LockoutEnd != null);
        }
        if (search.CertificateExpired == true)
        {
            var today = clock.Today();
            query = query.Where(a => a.Certificate.ExpiresOn != null && a.Certificate.ExpiresOn < today);
        }
        if (search.CertificateExpiresWithinDays is { } days)
        {
            // Still valid today but due within the days (the home dashboard's 30 天内到期).
            var today = clock.Today();
            var horizon = today.AddDays(days);
            query = query.Where(a => a.Certificate.ExpiresOn != null && a.Certificate.ExpiresOn >= today && a.Certificate.ExpiresOn <= horizon);
        }
        return query;
    }

    private static readonly System.Linq.Expressions.Expression<Func<Account, AccountRow>> Projection = a => new AccountRow(
        a.Id, a.UserName!, a.DisplayName, a.PhoneNumber, a.CompanyId, a.Company!.Name, a.Company.Kind, a.RoleId, a.Role!.Name, a.Role.Permissions,
        a.Job, a.LockoutEnd == null, a.WeChatOpenId != null, a.WeChatBoundAtUtc, a.Certificate.Number, a.Certificate.Category, a.Certificate.ExpiresOn,
        a.MustChangePassword, a.LastSignInAtUtc, a.CreatedAtUtc);

    private Task<IReadOnlyList<AccountView>> CompleteAsync(IReadOnlyList<AccountRow> rows, CancellationToken cancellationToken)
    {
        _ = cancellationToken;
        var mine = CallerPermissions();
        var today = clock.Today();
        IReadOnlyList<AccountView> views = rows.Select(r => new AccountView
        {
            Id = r.Id,
            UserName = r.UserName,
            DisplayName = r.DisplayName,
            Phone = r.Phone,
            CompanyId = r.CompanyId,
            CompanyName = r.CompanyName,
            CompanyKind = r.CompanyKind,
            RoleId = r.RoleId,
            RoleName = r.RoleName,
            Job = r.Job,
            Enabled = r.Enabled,
            Locked = throttle.IsLocked(r.UserName),
            WeChatBound = r.WeChatBound,
            WeChatBoundAtUtc = r.WeChatBoundAtUtc,
            CertificateNumber = r.CertificateNumber,
            CertificateCategory = r.CertificateCategory,
            CertificateExpiresOn = r.CertificateExpiresOn,
            CertificateExpired = r.CertificateExpiresOn < today,
            MustChangePassword = r.MustChangePassword,
            LastSignInAtUtc = r.LastSignInAtUtc,
            CreatedAtUtc = r.CreatedAtUtc,
            Manageable = ManagesCompany(r.CompanyId) && PermissionCatalog.EffectiveFor(r.CompanyKind, r.Permissions).All(mine.Contains),
        }).ToList();
        return Task.FromResult(views);
    }

    private async Task<Account> ManageableAsync(int id, CancellationToken cancellationToken)
    {
        var account = await db.Users.Include(a => a.Company).Include(a => a.Role)
            .SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (account is null || !ManagesCompany(account.CompanyId))
        {
            throw NotFound(id);
        }
        var mine = CallerPermissions();
        if (!PermissionCatalog.EffectiveFor(account.Company!.Kind, account.Role!.Permissions).All(mine.Contains))
        {
            throw new DomainException("account.above_caller", $"账号“{account.UserName}”的权限超出您的权限，不能修改。", DomainErrorKind.Forbidden);
        }
        return account;
    }

    private async Task ValidateAsync(Account? existing, AccountInput input, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string>();
        var userName = input.UserName?.Trim() ?? "";
        if (!UserNamePattern().IsMatch(userName))
        {
            errors[nameof(input.UserName)] = "用户名应为 3–50 位字母、数字或 - . _ @。";
        }
        else if (await db.Users.AnyAsync(a => a.NormalizedUserName == users.NormalizeName(userName) && a.Id != (existing == null ? 0 : existing.Id), cancellationToken))
        {
            errors[nameof(input.UserName)] = $"用户名“{userName}”已被使用。";
        }
        var name = input.DisplayName?.Trim() ?? "";
        if (name.Length is 0 or > 50)
        {
            errors[nameof(input.DisplayName)] = "姓名应为 1–50 个字符。";
        }
        var phone = input.Phone?.Trim();
        if (!string.IsNullOrEmpty(phone))
        {
            if (!MobileNumbers.IsValid(phone))
            {
                errors[nameof(input.Phone)] = "手机号应为 11 位中国大陆手机号码。";
            }
            else if (await db.Users.AnyAsync(a => a.PhoneNumber == phone && a.Id != (existing == null ? 0 : existing.Id), cancellationToken))
            {
                errors[nameof(input.Phone)] = $"手机号 {phone} 已被其他账号使用。";
            }
        }
        if (input.Job?.Trim().Length > 20)
        {
            errors[nameof(input.Job)] = "岗位最多 20 个字符。";
        }
        if (input.CertificateNumber?.Trim().Length > 40)
        {
            errors[nameof(input.CertificateNumber)] = "证书编号最多 40 个字符。";
        }
        if (input.CertificateCategory?.Trim().Length > 40)
        {
            errors[nameof(input.CertificateCategory)] = "作业项目最多 40 个字符。";
        }
        if (input.CertificateExpiresOn is not null && string.IsNullOrWhiteSpace(input.CertificateNumber))
        {
            errors[nameof(input.CertificateNumber)] = "填写证书有效期时请填写证书编号。";
        }
        var company = ManagesCompany(input.CompanyId)
            ? await db.Companies.AsNoTracking().SingleOrDefaultAsync(c => c.Id == input.CompanyId, cancellationToken)
            : null;
        if (company is null)
        {
            errors[nameof(input.CompanyId)] = "请选择您管理的单位。";
        }
        else
        {
            var role = await db.Roles.AsNoTracking().SingleOrDefaultAsync(r => r.Id == input.RoleId && r.CompanyId == company.Id, cancellationToken);
            if (role is null)
            {
                errors[nameof(input.RoleId)] = "请选择该单位的角色。";
            }
            else if (role.Id != existing?.RoleId && !PermissionCatalog.EffectiveFor(company.Kind, role.Permissions).All(CallerPermissions().Contains))
            {
                errors[nameof(input.RoleId)] = $"角色“{role.Name}”含有您没有的权限，不能分配。";
            }
        }
        if (errors.Count > 0)
        {
            throw new ValidationException(errors);
        }
    }

    private static void Apply(Account account, AccountInput input)
    {
        account.PhoneNumber = Text(input.Phone);
        account.CompanyId = input.CompanyId;
        account.RoleId = input.RoleId;
        account.Job = Text(input.Job);
        account.Certificate = new OperatorCertificate
        {
            Number = Text(input.CertificateNumber),
            Category = Text(input.CertificateCategory),
            ExpiresOn = input.CertificateExpiresOn,
        };
    }

    private static string? Text(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private bool ManagesCompany(int companyId) => actor.Scope.SeesAll || companyId == actor.CompanyId;

    /// <summary>What the caller holds; a system job (no account, sees everything) holds everything.</summary>
    private HashSet<string> CallerPermissions() => AccountPermissions.Of(actor);

    private void RequirePermission()
    {
        if (!AccountPermissions.Of(actor).Contains(Permissions.SystemAccounts))
        {
            throw new DomainException("account.forbidden", "您没有人员管理的权限。", DomainErrorKind.Forbidden);
        }
    }

    private static DomainException NotFound(int id) =>
        new("account.not_found", $"账号 {id} 不存在或无权查看。", DomainErrorKind.NotFound);


    private async Task LogAsync(OperationAction action, Account account, string? summary, CancellationToken cancellationToken)
    {
        db.OperationLogs.Add(new OperationLog
        {
            AtUtc = clock.GetUtcNow().UtcDateTime,
            AccountId = actor.AccountId,
            UserName = actor.UserName,
            CompanyId = actor.CompanyId,
            IpAddress = actor.IpAddress,
            Action = action,
            Target = AuditTarget.Format(typeof(Account), account.Id.ToString(CultureInfo.InvariantCulture)),
            Summary = summary,
        });
        await db.SaveChangesAsync(cancellationToken);
    }

    [GeneratedRegex(@"^[A-Za-z0-9\-._@]{3,50}$")]
    private static partial Regex UserNamePattern();

    private sealed record AccountRow(
        int Id, string UserName, string DisplayName, string? Phone, int CompanyId, string CompanyName, CompanyKind CompanyKind, int RoleId, string RoleName,
        List<string> Permissions, string? Job, bool Enabled, bool WeChatBound, DateTime? WeChatBoundAtUtc, string? CertificateNumber,
        string? CertificateCategory, DateOnly? CertificateExpiresOn, bool MustChangePassword, DateTime? LastSignInAtUtc, DateTime CreatedAtUtc);
}
