using Microsoft.Extensions.DependencyInjection;

namespace TiLianBang.Core.Settings;

public static class SettingsServiceCollectionExtensions
{
    public static IServiceCollection AddTiLianBangSettings(this IServiceCollection services)
    {
        services.AddScoped<SystemSettingsService>();
        return services;
    }
}
