using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using TiLianBang.Core.Devices.Recording;

namespace TiLianBang.Core.Health;

public static class HealthServiceCollectionExtensions
{
    /// <summary>Door and trip analytics from the state stream, drift warnings and 困人研判. After the repairs feature: its subscriber runs after theirs.</summary>
    public static IServiceCollection AddTiLianBangHealth(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<HealthOptions>().Bind(configuration.GetSection("Health")).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<HealthTrackers>();
        services.AddSingleton<EntrapmentFeed>();
        services.AddSingleton<HealthRecorder>();
        services.AddHostedService(sp => sp.GetRequiredService<HealthRecorder>());
        services.AddScoped<HealthHourStore>();
        services.AddScoped<HealthEvaluator>();
        services.AddScoped<EntrapmentDesk>();
        services.AddScoped<HealthQueries>();
        services.AddScoped<HealthWarnings>();
        services.AddSingleton<HealthJobs>();
        services.AddScoped<IStoredEventSubscriber, EntrapmentFromDeviceEvents>();
        return services;
    }
}
