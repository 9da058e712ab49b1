namespace TiLianBang.Core.Accounts;

public static class AccountLanguages
{
    public const string Chinese = "zh-CN";
    public const string English = "en";

    public static readonly IReadOnlyList<string> All = [Chinese, English];

    public static bool IsSupported(string? culture) => culture is not null && All.Contains(culture);
}
