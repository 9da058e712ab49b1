using MudBlazor;

namespace TiLianBang.Web.Shared;

/// <summary>
/// The TiLianBang theme (docs/ui.md). System fonts only: the product runs on offline LANs, so no web fonts.
/// Status colours are not palette entries: they live as CSS variables in app.css (<c>--tlb-status-*</c>) so that
/// tiles, chips, map markers and charts use the same six colours in light and dark mode.
/// </summary>
public static class AppTheme
{
    private static readonly string[] FontFamily =
        ["Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", "Noto Sans SC", "Segoe UI", "Helvetica", "Arial", "sans-serif"];

    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#1d5bd8",
            Secondary = "#0f9b8e",
            Tertiary = "#6d4fc2",
            Info = "#1e88e5",
            Success = "#2e9d5b",
            Warning = "#ef8a17",
            Error = "#d93a3a",
            AppbarBackground = "#ffffff",
            AppbarText = "#1f2937",
            Background = "#f3f5f9",
            Surface = "#ffffff",
            DrawerBackground = "#ffffff",
            DrawerText = "#374151",
            DrawerIcon = "#64748b",
            TextPrimary = "#1f2937",
            TextSecondary = "#64748b",
            LinesDefault = "#e3e8ef",
            TableLines = "#edf0f5",
            Divider = "#e3e8ef",
            TableHover = "#f5f8ff",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#6b9bff",
            // White on this light blue is too faint; filled buttons carry dark text in dark mode.
            PrimaryContrastText = "#0b1220",
            Secondary = "#3cc4b4",
            Tertiary = "#a58bff",
            Info = "#58a6ff",
            Success = "#4cc27f",
            Warning = "#f5a742",
            Error = "#ff6b6b",
            AppbarBackground = "#161d2b",
            AppbarText = "#e5e9f0",
            Background = "#0f141e",
            Surface = "#161d2b",
            DrawerBackground = "#161d2b",
            DrawerText = "#cbd3df",
            DrawerIcon = "#8b97aa",
            TextPrimary = "#e5e9f0",
            TextSecondary = "#9aa5b6",
            LinesDefault = "#2a3344",
            TableLines = "#232b3a",
            Divider = "#2a3344",
            TableHover = "#1c2536",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = FontFamily, FontSize = ".875rem", LineHeight = "1.5" },
            H5 = new H5Typography { FontSize = "1.375rem", FontWeight = "600", LineHeight = "1.4" },
            H6 = new H6Typography { FontSize = "1.0625rem", FontWeight = "600", LineHeight = "1.5" },
            Subtitle1 = new Subtitle1Typography { FontSize = ".9375rem", FontWeight = "600" },
            Subtitle2 = new Subtitle2Typography { FontSize = ".8125rem", FontWeight = "600" },
            Body1 = new Body1Typography { FontSize = ".875rem" },
            Body2 = new Body2Typography { FontSize = ".8125rem" },
            // Chinese has no case; English buttons and tabs must not SHOUT while the Chinese ones speak normally.
            Button = new ButtonTypography { TextTransform = "none", FontWeight = "500" },
            Overline = new OverlineTypography { TextTransform = "none" },
        },
        LayoutProperties = new LayoutProperties
        {
            DefaultBorderRadius = "8px",
            DrawerWidthLeft = "232px",
            AppbarHeight = "56px",
        },
    };
}
