using Microsoft.Extensions.DependencyInjection;

namespace TiLianBang.Core.Parameters;

public static class ParametersServiceCollectionExtensions
{
    public static IServiceCollection AddTiLianBangParameters(this IServiceCollection services)
    {
        services.AddScoped<ParameterSpecification>();
        return services;
    }
}
