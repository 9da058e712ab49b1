using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace TiLianBang.Core.Video;

public static class VideoServiceCollectionExtensions
{
    public static IServiceCollection AddTiLianBangVideo(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<VideoOptions>(configuration.GetSection(VideoOptions.Section));
        services.AddHttpClient(EzvizVideoProvider.HttpClientName);
        services.AddSingleton<UrlTemplateVideoProvider>();
        services.AddSingleton<EzvizVideoProvider>();
        services.AddSingleton<DemoVideoProvider>();
        services.AddSingleton<NoVideoProvider>();
        services.AddSingleton<IVideoProvider>(sp => ProviderName(sp.GetRequiredService<IOptions<VideoOptions>>().Value, configuration) switch
        {
            "urltemplate" => sp.GetRequiredService<UrlTemplateVideoProvider>(),
            "ezviz" => sp.GetRequiredService<EzvizVideoProvider>(),
            "demo" => sp.GetRequiredService<DemoVideoProvider>(),
            "none" => sp.GetRequiredService<NoVideoProvider>(),
            var other => throw new InvalidOperationException($"Video:Provider '{other}' is not one of UrlTemplate, Ezviz, Demo, None."),
        });
        services.AddScoped<ElevatorCameras>();
        return services;
    }

    private static string ProviderName(VideoOptions options, IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(options.Provider)
            ? options.Provider.Trim().ToLowerInvariant()
            : configuration.GetValue("Demo:Enabled", false) ? "demo" : "none";
}
