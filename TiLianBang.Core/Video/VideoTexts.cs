using System.Globalization;
using TiLianBang.Core.Localization;

namespace TiLianBang.Core.Video;

/// <summary>The panel's failure messages, composed in Chinese (English in <c>CoreTexts.Video</c>).</summary>
internal static class VideoTexts
{
    private static readonly CultureInfo Chinese = CultureInfo.GetCultureInfo("zh-CN");

    public static string NotConfigured => Render("未配置摄像头。");

    public static string NoService => Render("未配置视频服务。");

    public static string Compose(LocalizedText text) => text.ToString(Chinese);

    private static string Render(LocalizedText text) => text.ToString(Chinese);
}
