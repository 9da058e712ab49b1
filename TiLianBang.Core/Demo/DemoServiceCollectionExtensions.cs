using Microsoft.Extensions.DependencyInjection;

namespace TiLianBang.Core.Demo;

public static class DemoServiceCollectionExtensions
{
    public static IServiceCollection AddTiLianBangDemo(this IServiceCollection services)
    {
        services.AddScoped<DemoSeeder>();
        return services;
    }
}
