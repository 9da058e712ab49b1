using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using TiLianBang.Core.Accounts;

namespace TiLianBang.Web.Features.Live;

/// <summary>Who holds a live socket: the token's principal, its account and when the token expires.</summary>
public sealed record LiveIdentity(ClaimsPrincipal Principal, int AccountId, DateTimeOffset ExpiresAt);

/// <summary>
/// Accepts exactly the bearer tokens the rest of the API accepts (issuer, audience, signature, lifetime on the
/// TimeProvider, and an account whose password, lock-out, role and permissions are unchanged) — from the
/// Authorization header or from the first frame. Never the staff cookie: a browser sends it with a socket any
/// site opens (cross-site WebSocket hijacking), and a WebSocket upgrade is not held by the same-origin policy.
/// </summary>
public sealed class LiveAuthenticator(IOptionsMonitor<JwtBearerOptions> jwt, AccountSessionCheck sessions)
{
    public static bool HasBearerHeader(HttpRequest request) =>
        request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);

    /// <summary>The identity of the request's Authorization header; null when it is not a valid bearer token.</summary>
    public static async Task<LiveIdentity?> FromHeaderAsync(HttpContext context)
    {
        var result = await context.AuthenticateAsync(JwtBearerDefaults.AuthenticationScheme);
        return result.Succeeded ? IdentityOf(result.Principal) : null;
    }

    /// <summary>The identity of a token sent in an <c>auth</c> frame; null when it is not valid.</summary>
    public async Task<LiveIdentity?> FromTokenAsync(string token, CancellationToken cancellationToken)
    {
        var options = jwt.Get(JwtBearerDefaults.AuthenticationScheme);
        foreach (var handler in options.TokenHandlers)
        {
            var result = await handler.ValidateTokenAsync(token, options.TokenValidationParameters);
            if (!result.IsValid)
            {
                continue;
            }
            var principal = new ClaimsPrincipal(result.ClaimsIdentity);
            return await sessions.IsCurrentAsync(principal, requireSamePermissions: true, cancellationToken)
                ? IdentityOf(principal)
                : null;
        }
        return null;
    }

    /// <summary>
    /// An account that must change its password first gets nothing else (SYS-8): the header path meets the
    /// password-change gate before this endpoint, the frame path is refused here.
    /// </summary>
    private static LiveIdentity? IdentityOf(ClaimsPrincipal principal) =>
        !principal.HasClaim(AccountClaimTypes.MustChangePassword, "true")
        && int.TryParse(principal.FindFirstValue(AccountClaimTypes.AccountId), CultureInfo.InvariantCulture, out var accountId)
        && long.TryParse(principal.FindFirstValue("exp"), CultureInfo.InvariantCulture, out var expires)
            ? new LiveIdentity(principal, accountId, DateTimeOffset.FromUnixTimeSeconds(expires))
            : null;
}
