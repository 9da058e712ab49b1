using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using TiLianBang.Core.Data;

namespace TiLianBang.Core.Accounts;

public static class AccountsServiceCollectionExtensions
{
    /// <summary>Maximum failed sign-ins before the account is locked (SYS-8).</summary>
    public const int MaxFailedSignIns = 5;
    public static readonly TimeSpan LockoutDuration = TimeSpan.FromMinutes(15);

    /// <summary>
    /// ASP.NET Core Identity on our own DbContext: hashing, lockout and password rules. Authentication schemes
    /// (cookie for staff pages, bearer for the mini-program) are the web host's business.
    /// </summary>
    public static IdentityBuilder AddTiLianBangAccounts(this IServiceCollection services)
    {
        services.AddScoped<AccountService>();
        services.AddScoped<AccountAdministration>();
        services.AddScoped<RoleAdministration>();
        services.AddScoped<Profile>();
        services.AddSingleton<SignInThrottle>();
        services.AddScoped<InitialAdministrator>();
        services.AddSingleton<WeChatLogin>();
        services.AddScoped<WeChatBinding>();
        services.AddScoped<PasswordRecovery>();
        return services.AddIdentityCore<Account>(o =>
            {
                o.User.RequireUniqueEmail = false;
                o.User.AllowedUserNameCharacters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._@";
                o.Password.RequiredLength = 8;
                o.Password.RequireDigit = true;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequiredUniqueChars = 4;
                // Lock-out after failed sign-ins is SignInThrottle's (per account and address, so an outsider
                // cannot lock the administrator out); Identity's account-wide lock is left to administrators
                // (UserManager.SetLockoutEndDateAsync), which ends the account's tokens and cookies too.
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = MaxFailedSignIns;
                o.Lockout.DefaultLockoutTimeSpan = LockoutDuration;
            })
            .AddEntityFrameworkStores<TiLianBangDbContext>()
            .AddSignInManager()
            .AddClaimsPrincipalFactory<AccountClaimsPrincipalFactory>()
            .AddErrorDescriber<LocalizedIdentityErrorDescriber>()
            .AddDefaultTokenProviders();
    }
}
