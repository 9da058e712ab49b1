using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace TiLianBang.Core.Cluster;

public static class ClusterServiceCollectionExtensions
{
    public static IServiceCollection AddTiLianBangCluster(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<ClusterOptions>(configuration.GetSection(ClusterOptions.Section));
        services.AddSingleton<ClusterLease>();
        services.AddSingleton<SharedKeys>();
        return services;
    }
}
