using System.Globalization;
using System.Security.Claims;
using TiLianBang.Core.Accounts;
using TiLianBang.Core.Organizations;

namespace TiLianBang.Tests.Infrastructure;

/// <summary>A signed-in principal carrying the claims that sign-in puts on it.</summary>
public static class TestPrincipal
{
    public static ClaimsPrincipal For(int companyId, CompanyKind kind, Region? region, params string[] permissions) =>
        For(999, "tester", companyId, kind, region, permissions);

    public static ClaimsPrincipal For(int accountId, string userName, int companyId, CompanyKind kind, Region? region, params string[] permissions)
    {
        var claims = new List<Claim>
        {
            new(AccountClaimTypes.AccountId, accountId.ToString(CultureInfo.InvariantCulture)),
            new(ClaimTypes.Name, userName),
            new(AccountClaimTypes.DisplayName, "测试员"),
            new(AccountClaimTypes.CompanyId, companyId.ToString(CultureInfo.InvariantCulture)),
            new(AccountClaimTypes.CompanyName, "测试单位"),
            new(AccountClaimTypes.CompanyKind, kind.ToString()),
        };
        if (region is not null)
        {
            claims.Add(new(AccountClaimTypes.Province, region.Province));
            if (region.City is { } city)
            {
                claims.Add(new(AccountClaimTypes.City, city));
            }
            if (region.District is { } district)
            {
                claims.Add(new(AccountClaimTypes.District, district));
            }
        }
        claims.AddRange(permissions.Select(p => new Claim(AccountClaimTypes.Permission, p)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, "test"));
    }
}
