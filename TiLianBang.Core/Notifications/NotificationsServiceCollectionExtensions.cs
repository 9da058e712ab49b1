using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace TiLianBang.Core.Notifications;

public static class NotificationsServiceCollectionExtensions
{
    public static IServiceCollection AddTiLianBangNotifications(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<WeChatOptions>(configuration.GetSection("WeChat"));
        services.Configure<SmsOptions>(configuration.GetSection("Sms"));
        services.AddSingleton<INotificationSender, InAppSender>();
        services.AddSingleton<INotificationSender, WeChatSender>();
        services.AddSingleton<INotificationSender, SmsSender>();
        services.AddScoped<NotificationOutbox>();
        services.AddScoped<MyMessages>();
        services.AddScoped<OutboxAdministration>();
        services.AddSingleton<OutboxDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<OutboxDispatcher>());
        return services;
    }
}
