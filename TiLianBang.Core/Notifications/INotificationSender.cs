namespace TiLianBang.Core.Notifications;

/// <summary>Delivers a notification through one channel. Throws <see cref="NotificationFailedException"/> when it cannot.</summary>
public interface INotificationSender
{
    NotificationChannel Channel { get; }

    Task SendAsync(Notification notification, CancellationToken cancellationToken);
}

/// <summary>A send failed; <see cref="Permanent"/> when retrying cannot help (e.g. the user refused the messages).</summary>
public sealed class NotificationFailedException(string message, bool permanent = false, Exception? inner = null) : Exception(message, inner)
{
    public bool Permanent { get; } = permanent;
}
