using System.Globalization;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using TiLianBang.Core.Accounts;

namespace TiLianBang.Web.Features.Accounts;

/// <summary>
/// An open page (a Blazor circuit) checked its cookie once, when it connected, and may stay open for hours; this
/// re-checks its account every <see cref="AccountSessionCheck.CacheTime"/>, so a password change, lock or role
/// change also ends sign-ins on pages that are already open — and a change of the role's permissions reaches the
/// open page (its menu, its actions, the circuit's <see cref="CurrentActor"/>) without signing in again.
/// </summary>
internal sealed class AccountRevalidatingStateProvider(ILoggerFactory loggerFactory, AccountSessionCheck sessions, IServiceScopeFactory scopes)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval => AccountSessionCheck.CacheTime;

    protected override Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken) =>
        RevalidateAsync(authenticationState, cancellationToken);

    /// <summary>False ends the page's sign-in; true keeps it, with the role's current permissions.</summary>
    internal async Task<bool> RevalidateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        var user = authenticationState.User;
        if (!await sessions.IsCurrentAsync(user, requireSamePermissions: false, cancellationToken))
        {
            return false;
        }
        if (await sessions.IsCurrentAsync(user, requireSamePermissions: true, cancellationToken))
        {
            return true;
        }
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<Account>>();
        var account = await users.FindByIdAsync(user.FindFirst(AccountClaimTypes.AccountId)?.Value ?? "");
        if (account is null)
        {
            return false;
        }
        var principal = await scope.ServiceProvider.GetRequiredService<IUserClaimsPrincipalFactory<Account>>().CreateAsync(account);
        // Only the permissions may differ here (the check above held for stamp, role and company).
        if (principal.FindFirst(AccountClaimTypes.RoleId)?.Value != account.RoleId.ToString(CultureInfo.InvariantCulture))
        {
            return false;
        }
        SetAuthenticationState(Task.FromResult(new AuthenticationState(principal)));
        return true;
    }
}
