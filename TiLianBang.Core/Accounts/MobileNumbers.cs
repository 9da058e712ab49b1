using System.Text.RegularExpressions;

namespace TiLianBang.Core.Accounts;

/// <summary>Mainland China mobile numbers (11 digits starting 13–19): the one rule for accounts, recovery and the profile.</summary>
public static partial class MobileNumbers
{
    public static bool IsValid(string? phone) => phone is not null && Pattern().IsMatch(phone);

    [GeneratedRegex(@"^1[3-9]\d{9}$")]
    private static partial Regex Pattern();
}
