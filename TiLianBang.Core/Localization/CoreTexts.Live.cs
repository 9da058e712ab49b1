namespace TiLianBang.Core.Localization;

public static partial class CoreTexts
{
    /// <summary>Texts of the live socket (<c>/api/v1/live</c>).</summary>
    private static (string Chinese, string English)[] Live() =>
    [
        ("此地址只接受 WebSocket 连接。", "This address accepts WebSocket connections only."),
    ];
}
