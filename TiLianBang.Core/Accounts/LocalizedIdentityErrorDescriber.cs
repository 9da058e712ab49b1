using System.Globalization;
using Microsoft.AspNetCore.Identity;

namespace TiLianBang.Core.Accounts;

/// <summary>Identity's password and user-name errors in the person's language (Chinese unless English).</summary>
public sealed class LocalizedIdentityErrorDescriber : IdentityErrorDescriber
{
    private static bool English => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";

    public override IdentityError PasswordTooShort(int length) => English
        ? base.PasswordTooShort(length)
        : new() { Code = nameof(PasswordTooShort), Description = $"密码至少需要 {length} 个字符。" };

    public override IdentityError PasswordRequiresDigit() => English
        ? base.PasswordRequiresDigit()
        : new() { Code = nameof(PasswordRequiresDigit), Description = "密码至少需要包含一个数字。" };

    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) => English
        ? base.PasswordRequiresUniqueChars(uniqueChars)
        : new() { Code = nameof(PasswordRequiresUniqueChars), Description = $"密码至少需要 {uniqueChars} 个不同的字符。" };

    public override IdentityError PasswordMismatch() => English
        ? base.PasswordMismatch()
        : new() { Code = nameof(PasswordMismatch), Description = "当前密码不正确。" };

    public override IdentityError DuplicateUserName(string userName) => English
        ? base.DuplicateUserName(userName)
        : new() { Code = nameof(DuplicateUserName), Description = $"用户名“{userName}”已被使用。" };

    public override IdentityError InvalidUserName(string? userName) => English
        ? base.InvalidUserName(userName)
        : new() { Code = nameof(InvalidUserName), Description = $"用户名“{userName}”无效，只能包含字母、数字和 - . _ @。" };
}
