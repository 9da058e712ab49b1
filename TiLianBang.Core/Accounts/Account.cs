using Microsoft.AspNetCore.Identity;
using TiLianBang.Core.Organizations;

namespace TiLianBang.Core.Accounts;

/// <summary>
/// 人员: one person's account. The same account signs in to the web app and the mini-program; it belongs to
/// exactly one company and one role.
/// </summary>
public class Account : IdentityUser<int>
{
    public required string DisplayName { get; set; }
    public int CompanyId { get; set; }
    public Company? Company { get; set; }
    public int RoleId { get; set; }
    public Role? Role { get; set; }
    /// <summary>Set for new accounts and resets: the first sign-in must choose a new password.</summary>
    public bool MustChangePassword { get; set; }
    /// <summary>UI language the person chose: "zh-CN" or "en".</summary>
    public string Language { get; set; } = AccountLanguages.Chinese;
    /// <summary>The WeChat user this account is bound to (mini-program 绑定, SYS-5); subscription messages go there.</summary>
    public string? WeChatOpenId { get; set; }
    public DateTime? WeChatBoundAtUtc { get; set; }
    /// <summary>岗位, e.g. 维保工, 组长, 调度, 经理: free text shown in lists and pickers.</summary>
    public string? Job { get; set; }
    /// <summary>特种设备作业人员证 of a maintenance worker (empty for everyone else).</summary>
    public OperatorCertificate Certificate { get; set; } = new();
    /// <summary>The profile picture's file in the photo store (<c>PhotoStore</c>), if one was uploaded.</summary>
    public string? AvatarFile { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public DateTime? LastSignInAtUtc { get; set; }
}
