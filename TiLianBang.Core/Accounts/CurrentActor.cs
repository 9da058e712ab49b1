using System.Globalization;
using System.Security.Claims;

namespace TiLianBang.Core.Accounts;

/// <summary>
/// Who is acting in the current DI scope (a request, a Blazor circuit, a background job): used for company
/// scoping and for the operation log. Unset means an anonymous caller, who sees nothing.
/// </summary>
public sealed class CurrentActor
{
    public int? AccountId { get; private set; }
    public string? UserName { get; private set; }
    public int? CompanyId { get; private set; }
    public string? IpAddress { get; private set; }
    public CompanyScope Scope { get; private set; } = CompanyScope.Nothing;
    public ClaimsPrincipal Principal { get; private set; } = new(new ClaimsIdentity());

    public bool IsAuthenticated => AccountId is not null;

    public void SetUser(ClaimsPrincipal principal, string? ipAddress)
    {
        Principal = principal;
        IpAddress = ipAddress;
        Scope = CompanyScope.FromPrincipal(principal);
        AccountId = int.TryParse(principal.FindFirstValue(AccountClaimTypes.AccountId), CultureInfo.InvariantCulture, out var id)
            ? id
            : null;
        UserName = AccountId is null ? null : principal.Identity?.Name;
        CompanyId = int.TryParse(principal.FindFirstValue(AccountClaimTypes.CompanyId), CultureInfo.InvariantCulture, out var company)
            ? company
            : null;
    }

    /// <summary>For jobs and start-up work that act for the platform itself.</summary>
    public void SetSystem(string name)
    {
        Principal = new ClaimsPrincipal(new ClaimsIdentity());
        AccountId = null;
        CompanyId = null;
        IpAddress = null;
        UserName = name;
        Scope = CompanyScope.Everything;
    }

    /// <summary>Acts as <paramref name="other"/> does, in a DI scope of its own (e.g. one unit of work of a page).</summary>
    public void CopyFrom(CurrentActor other)
    {
        Principal = other.Principal;
        IpAddress = other.IpAddress;
        Scope = other.Scope;
        AccountId = other.AccountId;
        UserName = other.UserName;
        CompanyId = other.CompanyId;
    }

    public bool HasPermission(string permission) => Principal.HasClaim(AccountClaimTypes.Permission, permission);
}
