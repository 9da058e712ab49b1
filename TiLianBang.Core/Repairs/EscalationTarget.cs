namespace TiLianBang.Core.Repairs;

/// <summary>Who a 5级上报 level reaches.</summary>
public enum EscalationTarget
{
    /// <summary>维保人员: the maintenance company's workers.</summary>
    Workers = 0,
    /// <summary>班组长: the maintenance company's reviewers.</summary>
    TeamLeader = 1,
    /// <summary>维保公司值班电话 (the company's contact phone).</summary>
    CompanyDuty = 2,
    /// <summary>使用单位</summary>
    UserUnit = 3,
    /// <summary>监管部门 of the elevator's region.</summary>
    Supervisor = 4,
}
