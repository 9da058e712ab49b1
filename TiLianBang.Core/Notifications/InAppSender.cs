namespace TiLianBang.Core.Notifications;

/// <summary>我的消息: the outbox row is the message itself; delivering it means making it visible.</summary>
public sealed class InAppSender : INotificationSender
{
    public NotificationChannel Channel => NotificationChannel.InApp;

    public Task SendAsync(Notification notification, CancellationToken cancellationToken) => Task.CompletedTask;
}
