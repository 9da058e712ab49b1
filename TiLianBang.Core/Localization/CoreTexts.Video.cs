namespace TiLianBang.Core.Localization;

public static partial class CoreTexts
{
    /// <summary>Texts of the 5G 视频救援 panel's cameras (Core/Video).</summary>
    private static (string Chinese, string English)[] Video() =>
    [
        ("未配置摄像头。", "No camera is configured here."),
        ("未配置视频服务。", "No video service is configured."),
        ("视频地址模板未配置或不是有效的 http(s) 地址。", "The video address template is missing or not a valid http(s) address."),
        ("萤石开放平台的 AppKey 和 AppSecret 未配置。", "The EZVIZ open platform's AppKey and AppSecret are not configured."),
        ("无法连接萤石开放平台，请检查网络。", "The EZVIZ open platform cannot be reached; check the network."),
        ("萤石开放平台返回错误 {0}：{1}", "The EZVIZ open platform answered error {0}: {1}"),
    ];
}
