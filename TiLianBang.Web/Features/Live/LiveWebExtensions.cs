namespace TiLianBang.Web.Features.Live;

public static class LiveWebExtensions
{
    /// <summary>The live socket (<c>/api/v1/live</c>): its options (section <c>Live</c>), sessions and the coalesced status counts.</summary>
    public static IServiceCollection AddTiLianBangLive(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<LiveOptions>(configuration.GetSection("Live"));
        services.AddSingleton<LiveAuthenticator>();
        services.AddSingleton<LiveSessionRegistry>();
        services.AddSingleton<StatusCountsFeed>();
        services.AddHostedService(sp => sp.GetRequiredService<StatusCountsFeed>());
        services.AddSingleton<LiveElevatorStates>();
        services.AddSingleton<LiveSessionServices>();
        return services;
    }
}
