using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace TiLianBang.Core.Devices.Retention;

public static class RetentionServiceCollectionExtensions
{
    /// <summary>The nightly fold-and-prune of raw device rows; settings are checked at start-up, not at 3 a.m.</summary>
    public static IServiceCollection AddTiLianBangRetention(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RetentionOptions>().Bind(configuration.GetSection(RetentionOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<RetentionOptions>, RetentionOptionsValidator>();
        services.AddScoped<DailyAggregator>();
        services.AddScoped<RetentionJob>();
        return services;
    }
}
