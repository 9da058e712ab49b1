namespace TiLianBang.Core.Notifications;

public enum NotificationChannel
{
    /// <summary>我的消息 in the staff UI and the mini-program.</summary>
    InApp = 0,
    /// <summary>Mini-program subscription message through the WeChat API.</summary>
    WeChat = 1,
    Sms = 2,
}

public enum NotificationStatus
{
    Pending = 0,
    Sent = 1,
    /// <summary>Given up: permanently refused or out of attempts; administrators see these.</summary>
    Failed = 2,
}
