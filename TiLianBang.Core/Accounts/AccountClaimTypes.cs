namespace TiLianBang.Core.Accounts;

/// <summary>Claims put on a signed-in principal (cookie and bearer token alike).</summary>
public static class AccountClaimTypes
{
    public const string AccountId = "tlb:account";
    public const string DisplayName = "tlb:name";
    public const string CompanyId = "tlb:company";
    public const string CompanyName = "tlb:company_name";
    public const string CompanyKind = "tlb:company_kind";
    public const string Province = "tlb:province";
    public const string City = "tlb:city";
    public const string District = "tlb:district";
    public const string Permission = "tlb:perm";
    public const string MustChangePassword = "tlb:must_change_password";
}
