using System.Security.Claims;
using TiLianBang.Core.Accounts;

namespace TiLianBang.Web.Shared;

/// <summary>
/// What a person chose for the look of the staff app: light, dark or the system's mode, and which menu groups they
/// keep open. Kept in cookies (per account for the menu) so the first, server-rendered paint already matches.
/// </summary>
public sealed record UiPreferences(ThemeMode Theme, IReadOnlySet<int> OpenGroups)
{
    public const string ThemeCookie = "tlb.theme";

    public static readonly UiPreferences Default = new(ThemeMode.Light, new HashSet<int>());

    public static string NavCookie(string accountId) => "tlb.nav." + accountId;

    public static string? NavCookie(ClaimsPrincipal user) =>
        user.FindFirst(AccountClaimTypes.AccountId)?.Value is { Length: > 0 and <= 20 } id && id.All(char.IsAsciiDigit) ? NavCookie(id) : null;

    public static ThemeMode ParseTheme(string? value) => value switch
    {
        "dark" => ThemeMode.Dark,
        "system" => ThemeMode.System,
        _ => ThemeMode.Light,
    };

    public static string FormatTheme(ThemeMode mode) => mode.ToString().ToLowerInvariant();

    /// <summary>Section indices separated by dots; anything else in the cookie is ignored, not trusted.</summary>
    public static IReadOnlySet<int> ParseGroups(string? value) =>
        (value ?? "").Split('.', StringSplitOptions.RemoveEmptyEntries)
            .Select(part => int.TryParse(part, out var i) ? i : -1)
            .Where(i => i >= 0 && i < NavigationTree.Sections.Count)
            .ToHashSet();

    public static string FormatGroups(IEnumerable<int> groups) => string.Join('.', groups.Order());
}

public enum ThemeMode
{
    Light,
    Dark,
    System,
}
