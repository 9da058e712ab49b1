namespace TiLianBang.Core.Organizations;

/// <summary>What the company pages submit (制造单位, 使用单位, 政府监管机构, 维保公司, 检验机构).</summary>
public sealed record CompanyInput
{
    public string Name { get; init; } = "";
    public string Province { get; init; } = "";
    public string? City { get; init; }
    public string? District { get; init; }
    public string? Address { get; init; }
    public string? ContactPerson { get; init; }
    public string? ContactPhone { get; init; }
    public string? CreditCode { get; init; }
    public string? UnitCategory { get; init; }

    public static CompanyInput Of(Company c) => new()
    {
        Name = c.Name, Province = c.Region.Province, City = c.Region.City, District = c.Region.District, Address = c.Address,
        ContactPerson = c.ContactPerson, ContactPhone = c.ContactPhone, CreditCode = c.CreditCode, UnitCategory = c.UnitCategory,
    };
}
