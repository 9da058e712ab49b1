namespace TiLianBang.Core.Organizations;

public class Company
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public CompanyKind Kind { get; set; }
    public required Region Region { get; set; }
    public string? Address { get; set; }
    public string? ContactPerson { get; set; }
    public string? ContactPhone { get; set; }
    /// <summary>单位类别 of a 使用单位 (物业服务企业, 产权单位, 医院 …).</summary>
    public string? UnitCategory { get; set; }
    /// <summary>统一社会信用代码</summary>
    public string? CreditCode { get; set; }
}
