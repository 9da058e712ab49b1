namespace TiLianBang.Core.Localization;

public static partial class CoreTexts
{
    /// <summary>Texts of the mini-program's monitoring, GIS and live updates over the WebSocket.</summary>
    private static (string Chinese, string English)[] Monitoring() =>
    [
    ];
}
