using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace TiLianBang.Core.Repairs;

public static class RepairsServiceCollectionExtensions
{
    public static IServiceCollection AddTiLianBangRepairs(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<RepairOptions>(configuration.GetSection("Repairs"));
        services.AddScoped<RepairService>();
        return services;
    }
}
