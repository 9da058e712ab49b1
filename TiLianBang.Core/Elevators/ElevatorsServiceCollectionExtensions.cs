using Microsoft.Extensions.DependencyInjection;

namespace TiLianBang.Core.Elevators;

public static class ElevatorsServiceCollectionExtensions
{
    public static IServiceCollection AddTiLianBangElevators(this IServiceCollection services)
    {
        services.AddScoped<ElevatorService>();
        services.AddScoped<ElevatorArchives>();
        services.AddScoped<ElevatorSpreadsheet>();
        services.AddSingleton<PublicElevators>();
        return services;
    }
}
