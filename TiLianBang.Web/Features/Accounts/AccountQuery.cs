using TiLianBang.Core.Accounts;
using TiLianBang.Core.Statistics;

namespace TiLianBang.Web.Features.Accounts;

/// <summary>
/// 人员管理's filters as query parameters, bound once for the list and its export so the export holds exactly the
/// rows the page shows. <c>certificateExpiring</c> is the home dashboard's 30 天内到期 figure.
/// </summary>
public sealed record AccountQuery(string? Text, int? CompanyId, int? RoleId, bool? Enabled, bool? CertificateExpired, bool? CertificateExpiring)
{
    public AccountSearch ToSearch() =>
        new(Text, CompanyId, RoleId, Enabled, CertificateExpired, CertificateExpiring == true ? Dashboard.WarningDays : null);
}
