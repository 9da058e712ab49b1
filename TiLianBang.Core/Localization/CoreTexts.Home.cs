namespace TiLianBang.Core.Localization;

public static partial class CoreTexts
{
    /// <summary>Texts of the mini-program's home (banners, to-do counts), work specifications and messages.</summary>
    private static (string Chinese, string English)[] Home() =>
    [
    ];
}
