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
    /// <summary>The role the principal was issued for; a token of another role is no longer valid.</summary>
    public const string RoleId = "tlb:role";
    /// <summary>A hash of the account's security stamp at issue (see <see cref="AccountSessionCheck.StampHash"/>).</summary>
    public const string SecurityStamp = "tlb:stamp";
    /// <summary>The account's language at issue, for requests without the culture cookie (API clients).</summary>
    public const string Language = "tlb:lang";
}
