using Microsoft.Extensions.DependencyInjection;

namespace TiLianBang.Core.IoPoints;

public static class IoPointsServiceCollectionExtensions
{
    public static IServiceCollection AddTiLianBangIoPoints(this IServiceCollection services)
    {
        services.AddScoped<IoPointNames>();
        return services;
    }
}
