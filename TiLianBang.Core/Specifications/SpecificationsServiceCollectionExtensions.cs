using Microsoft.Extensions.DependencyInjection;

namespace TiLianBang.Core.Specifications;

public static class SpecificationsServiceCollectionExtensions
{
    public static IServiceCollection AddTiLianBangSpecifications(this IServiceCollection services, string directory)
    {
        services.Configure<SpecificationFileOptions>(o => o.Directory = directory);
        services.AddSingleton<SpecificationFiles>();
        services.AddScoped<WorkSpecifications>();
        return services;
    }
}
