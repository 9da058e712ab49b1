using MudBlazor;

namespace TiLianBang.Web.Shared;

/// <summary>One theme for the staff app. System fonts only: the product runs on offline LANs, so no web fonts.</summary>
public static class AppTheme
{
    private static readonly string[] FontFamily =
        ["Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", "Noto Sans SC", "Segoe UI", "Helvetica", "Arial", "sans-serif"];

    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#1565c0",
            Secondary = "#00897b",
            AppbarBackground = "#0d47a1",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = FontFamily },
        },
    };
}
