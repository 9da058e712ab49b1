namespace TiLianBang.Core.Organizations;

/// <summary>The role a company plays around an elevator; it decides which elevators the company sees.</summary>
public enum CompanyKind
{
    /// <summary>运营平台: the operator of this installation; sees everything.</summary>
    Platform = 0,
    /// <summary>制造单位</summary>
    Manufacturer = 1,
    /// <summary>使用单位 (e.g. the property manager)</summary>
    UserUnit = 2,
    /// <summary>维保公司</summary>
    MaintenanceCompany = 3,
    /// <summary>政府监管机构: sees the elevators of its region.</summary>
    Supervisor = 4,
    /// <summary>检验机构</summary>
    InspectionAgency = 5,
}
