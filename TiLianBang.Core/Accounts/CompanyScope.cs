using System.Globalization;
using System.Security.Claims;
using TiLianBang.Core.Organizations;

namespace TiLianBang.Core.Accounts;

/// <summary>
/// Which elevators (and so which records) the acting party may see. Computed once per request or circuit from
/// the principal's claims; the DbContext's query filters read it, so no page or endpoint can forget it.
/// </summary>
public sealed record CompanyScope
{
    /// <summary>Sees everything: the platform operator and system jobs.</summary>
    public bool SeesAll { get; private init; }
    /// <summary>The company whose elevators are visible; -1 when none.</summary>
    public int CompanyId { get; private init; } = -1;
    /// <summary>Set for supervisors: every elevator whose community lies in this region is visible.</summary>
    public Region? SupervisedRegion { get; private init; }

    public static readonly CompanyScope Everything = new() { SeesAll = true };
    public static readonly CompanyScope Nothing = new();

    public static CompanyScope ForCompany(int companyId, CompanyKind kind, Region? region) => kind switch
    {
        CompanyKind.Platform => Everything,
        CompanyKind.Supervisor => new CompanyScope { CompanyId = companyId, SupervisedRegion = region },
        _ => new CompanyScope { CompanyId = companyId },
    };

    public static CompanyScope FromPrincipal(ClaimsPrincipal principal)
    {
        if (principal.Identity?.IsAuthenticated != true
            || !int.TryParse(principal.FindFirstValue(AccountClaimTypes.CompanyId), CultureInfo.InvariantCulture, out var companyId)
            || !Enum.TryParse<CompanyKind>(principal.FindFirstValue(AccountClaimTypes.CompanyKind), out var kind))
        {
            return Nothing;
        }
        var province = principal.FindFirstValue(AccountClaimTypes.Province);
        var region = province is null
            ? null
            : new Region
            {
                Province = province,
                City = principal.FindFirstValue(AccountClaimTypes.City),
                District = principal.FindFirstValue(AccountClaimTypes.District),
            };
        return ForCompany(companyId, kind, region);
    }
}
