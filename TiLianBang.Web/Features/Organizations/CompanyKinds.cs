using TiLianBang.Core.Organizations;

namespace TiLianBang.Web.Features.Organizations;

/// <summary>How each kind of company is named on its page and in its address.</summary>
public static class CompanyKinds
{
    public static string Title(CompanyKind kind) => kind switch
    {
        CompanyKind.Manufacturer => "电梯制造单位",
        CompanyKind.UserUnit => "使用单位",
        CompanyKind.Supervisor => "政府监管机构",
        CompanyKind.MaintenanceCompany => "维保公司",
        CompanyKind.InspectionAgency => "检验机构",
        _ => "运营平台",
    };

    public static string Segment(CompanyKind kind) => kind switch
    {
        CompanyKind.Manufacturer => "manufacturers",
        CompanyKind.UserUnit => "user-units",
        CompanyKind.Supervisor => "supervisors",
        CompanyKind.MaintenanceCompany => "maintenance-companies",
        _ => "inspection-agencies",
    };
}
