namespace TiLianBang.Core.Localization;

public static partial class CoreTexts
{
    /// <summary>人员管理, 角色权限, binding, password recovery and the profile.</summary>
    private static (string Chinese, string English)[] People() =>
    [
        ("请选择您管理的单位。", "Please choose a company you manage."),
        ("角色所属单位不能修改。", "A role's company cannot be changed."),
        ("角色名称应为 1–50 个字符。", "The role name must be 1–50 characters long."),
        ("该单位已有名为“{0}”的角色。", "This company already has a role named “{0}”."),
        ("说明最多 200 个字符。", "The description can be at most 200 characters."),
        ("未知的权限：{0}。", "Unknown permissions: {0}."),
        ("该类单位不能拥有以下权限：{0}。", "A company of this kind cannot have these permissions: {0}."),
        ("您没有以下权限，不能授予或收回：{0}。", "You do not hold these permissions, so you cannot grant or revoke them: {0}."),
        ("角色“{0}”仍有 {1} 个账号使用，不能删除。", "Role “{0}” is still held by {1} accounts and cannot be deleted."),
        ("角色“{0}”含有您没有的权限，不能删除。", "Role “{0}” has permissions you do not hold; you cannot delete it."),
        ("您没有角色权限管理的权限。", "You are not allowed to manage roles."),
        ("角色 {0} 不存在或无权查看。", "Role {0} does not exist or is not visible to you."),
        ("不能修改自己的单位或角色。", "You cannot change your own company or role."),
        ("不能停用自己的账号。", "You cannot disable your own account."),
        ("账号“{0}”的权限超出您的权限，不能修改。", "Account “{0}” has permissions beyond yours; you cannot change it."),
        ("用户名应为 3–50 位字母、数字或 - . _ @。", "The user name must be 3–50 letters, digits or - . _ @."),
        ("用户名“{0}”已被使用。", "The user name “{0}” is already taken."),
        ("姓名应为 1–50 个字符。", "The name must be 1–50 characters long."),
        ("手机号应为 11 位中国大陆手机号码。", "The mobile must be an 11-digit mainland China mobile number."),
        ("手机号 {0} 已被其他账号使用。", "Mobile {0} is already used by another account."),
        ("岗位最多 20 个字符。", "The job can be at most 20 characters."),
        ("证书编号最多 40 个字符。", "The certificate number can be at most 40 characters."),
        ("作业项目最多 40 个字符。", "The certificate category can be at most 40 characters."),
        ("填写证书有效期时请填写证书编号。", "Please enter the certificate number together with its expiry date."),
        ("请选择该单位的角色。", "Please choose a role of this company."),
        ("角色“{0}”含有您没有的权限，不能分配。", "Role “{0}” has permissions you do not hold; you cannot assign it."),
        ("您没有人员管理的权限。", "You are not allowed to manage accounts."),
        ("账号 {0} 不存在或无权查看。", "Account {0} does not exist or is not visible to you."),
        ("语言应为 zh-CN（中文）或 en（English）。", "The language must be zh-CN (Chinese) or en (English)."),
        ("请填写要修改的姓名或语言。", "Give the name or the language to change."),
    ];
}
