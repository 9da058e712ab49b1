namespace TiLianBang.Core.Notifications;

/// <summary>Configuration section <c>WeChat</c>: the mini-program's sign-in (绑定) and subscription messages.</summary>
public sealed class WeChatOptions
{
    public string BaseUrl { get; set; } = "https://api.weixin.qq.com";
    public string? AppId { get; set; }
    public string? AppSecret { get; set; }
    /// <summary>Subscription message template for work orders (thing1 = title, thing2 = content).</summary>
    public string? TemplateId { get; set; }
    /// <summary>
    /// 通道号: the number people type when binding the mini-program to this installation, so that a mini-program
    /// meant for another installation is told so instead of asking for a password here. Unset turns binding off.
    /// </summary>
    public string? Channel { get; set; }
    /// <summary>Mini-program page opened from the message.</summary>
    public string Page { get; set; } = "pages/index/index";
}
