using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using TiLianBang.Core.Accounts;

namespace TiLianBang.Web.Features.Accounts;

/// <summary>Issues the mini-program's bearer token: the same claims as the staff cookie, with an expiry.</summary>
public sealed class TokenIssuer(
    IUserClaimsPrincipalFactory<Account> principals,
    SymmetricSecurityKey key,
    IOptions<TokenOptions> options,
    IOptions<IdentityOptions> identity,
    TimeProvider clock)
{
    public async Task<IssuedToken> IssueAsync(Account account)
    {
        var principal = await principals.CreateAsync(account);
        var now = clock.GetUtcNow();
        var expires = now + options.Value.Lifetime;
        var token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = TokenOptions.Issuer,
            Audience = TokenOptions.Audience,
            // The raw stamp stays out of a payload its holder can read; the principal carries a hash of it.
            Subject = new ClaimsIdentity(principal.Claims.Where(c => c.Type != identity.Value.ClaimsIdentity.SecurityStampClaimType)),
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expires.UtcDateTime,
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256),
        });
        return new IssuedToken(token, expires);
    }
}

public sealed record IssuedToken(string AccessToken, DateTimeOffset ExpiresAt);
