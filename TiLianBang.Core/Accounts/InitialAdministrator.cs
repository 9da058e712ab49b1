using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using TiLianBang.Core.Common;
using TiLianBang.Core.Data;
using TiLianBang.Core.Organizations;

namespace TiLianBang.Core.Accounts;

/// <summary>
/// A fresh production install has nobody to sign in: create the platform company and its administrator once,
/// with the configured initial password (or a random one written to the log), to be changed at first sign-in.
/// </summary>
public sealed partial class InitialAdministrator(
    TiLianBangDbContext db,
    UserManager<Account> users,
    CurrentActor actor,
    TimeProvider clock,
    ILogger<InitialAdministrator> logger)
{
    public const string UserName = "admin";

    public async Task EnsureAsync(string? initialPassword, CancellationToken cancellationToken)
    {
        actor.SetSystem("system:setup");
        if (await db.Users.AnyAsync(cancellationToken))
        {
            return;
        }
        var platform = await db.Companies.FirstOrDefaultAsync(c => c.Kind == CompanyKind.Platform, cancellationToken);
        if (platform is null)
        {
            platform = new Company { Name = "运营平台", Kind = CompanyKind.Platform, Region = new Region { Province = "全国" } };
            db.Companies.Add(platform);
        }
        var role = new Role { Name = "平台管理员", Company = platform, Permissions = [.. Permissions.All] };
        db.Roles.Add(role);
        await db.SaveChangesAsync(cancellationToken);

        var generated = string.IsNullOrWhiteSpace(initialPassword);
        var password = generated ? OneTimePassword.New() : initialPassword!;
        var result = await users.CreateAsync(new Account
        {
            UserName = UserName,
            DisplayName = "系统管理员",
            CompanyId = platform.Id,
            RoleId = role.Id,
            MustChangePassword = true,
            CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
        }, password);
        if (!result.Succeeded)
        {
            throw new DomainException("setup.admin", "Cannot create the initial administrator: "
                + string.Join(" ", result.Errors.Select(e => e.Description)));
        }
        if (generated)
        {
            LogGenerated(logger, UserName, password);
        }
        else
        {
            LogConfigured(logger, UserName);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Created the initial administrator '{UserName}' with the one-time password {Password}; it must be changed at first sign-in")]
    private static partial void LogGenerated(ILogger logger, string userName, string password);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Created the initial administrator '{UserName}' with the configured Admin:InitialPassword; it must be changed at first sign-in")]
    private static partial void LogConfigured(ILogger logger, string userName);
}
