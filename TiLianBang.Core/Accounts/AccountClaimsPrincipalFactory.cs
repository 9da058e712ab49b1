using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TiLianBang.Core.Data;

namespace TiLianBang.Core.Accounts;

/// <summary>
/// Puts company, scope and permissions on the principal at sign-in, so every later request decides scope and
/// permissions from claims without a database round trip.
/// </summary>
public sealed class AccountClaimsPrincipalFactory(
    UserManager<Account> userManager,
    IOptions<IdentityOptions> options,
    TiLianBangDbContext db)
    : UserClaimsPrincipalFactory<Account>(userManager, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(Account user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        var company = await db.Companies.AsNoTracking().SingleAsync(c => c.Id == user.CompanyId);
        var permissions = await db.Roles.AsNoTracking()
            .Where(r => r.Id == user.RoleId)
            .Select(r => r.Permissions)
            .SingleAsync();

        identity.AddClaim(new Claim(AccountClaimTypes.AccountId, user.Id.ToString(CultureInfo.InvariantCulture)));
        identity.AddClaim(new Claim(AccountClaimTypes.DisplayName, user.DisplayName));
        identity.AddClaim(new Claim(AccountClaimTypes.RoleId, user.RoleId.ToString(CultureInfo.InvariantCulture)));
        identity.AddClaim(new Claim(AccountClaimTypes.SecurityStamp, AccountSessionCheck.StampHash(user.SecurityStamp)));
        identity.AddClaim(new Claim(AccountClaimTypes.Language, user.Language));
        identity.AddClaim(new Claim(AccountClaimTypes.CompanyId, company.Id.ToString(CultureInfo.InvariantCulture)));
        identity.AddClaim(new Claim(AccountClaimTypes.CompanyName, company.Name));
        identity.AddClaim(new Claim(AccountClaimTypes.CompanyKind, company.Kind.ToString()));
        identity.AddClaim(new Claim(AccountClaimTypes.Province, company.Region.Province));
        if (company.Region.City is { } city)
        {
            identity.AddClaim(new Claim(AccountClaimTypes.City, city));
        }
        if (company.Region.District is { } district)
        {
            identity.AddClaim(new Claim(AccountClaimTypes.District, district));
        }
        foreach (var permission in PermissionCatalog.EffectiveFor(company.Kind, permissions))
        {
            identity.AddClaim(new Claim(AccountClaimTypes.Permission, permission));
        }
        if (user.MustChangePassword)
        {
            identity.AddClaim(new Claim(AccountClaimTypes.MustChangePassword, "true"));
        }
        return identity;
    }
}
