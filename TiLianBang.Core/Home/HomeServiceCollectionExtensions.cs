using Microsoft.Extensions.DependencyInjection;

namespace TiLianBang.Core.Home;

public static class HomeServiceCollectionExtensions
{
    public static IServiceCollection AddTiLianBangHome(this IServiceCollection services)
    {
        services.AddScoped<Banners>();
        services.AddScoped<HomeToDo>();
        services.AddScoped<ElevatorNumberSearch>();
        return services;
    }
}
