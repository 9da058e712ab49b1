namespace TiLianBang.Core.Localization;

public static partial class CoreTexts
{
    /// <summary>Texts of 设备调试 over the API: finding, binding and watching a collector; fault reports with photos.</summary>
    private static (string Chinese, string English)[] DeviceDebug() =>
    [
        ("请选择要绑定的电梯。", "Choose the elevator to bind."),
    ];
}
