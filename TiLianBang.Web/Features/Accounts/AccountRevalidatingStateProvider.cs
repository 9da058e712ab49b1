using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using TiLianBang.Core.Accounts;

namespace TiLianBang.Web.Features.Accounts;

/// <summary>
/// An open page (a Blazor circuit) checked its cookie once, when it connected, and may stay open for hours; this
/// re-checks its account every <see cref="AccountSessionCheck.CacheTime"/>, so a password change, lock or role
/// change also ends sign-ins on pages that are already open.
/// </summary>
internal sealed class AccountRevalidatingStateProvider(ILoggerFactory loggerFactory, AccountSessionCheck sessions)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval => AccountSessionCheck.CacheTime;

    protected override Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken) =>
        sessions.IsCurrentAsync(authenticationState.User, requireSamePermissions: false, cancellationToken);
}
